using DeepLearningPipelines.Vision.Imaging;

namespace DeepLearningPipelines.Tests.Vision;

/// <summary>
/// Per-pixel reference resizers written straight from the definitions (no tap tables, no separable passes):
/// output pixel (x, y) of a source scaled to scaledWidth × scaledHeight and cropped at (offsetX, offsetY).
/// </summary>
internal static class NaiveResize
{
    public static double[] Run(ImageData source, int scaledWidth, int scaledHeight, int offsetX, int offsetY,
        int width, int height, Interpolation interpolation)
    {
        var c = source.Channels;
        var result = new double[width * height * c];
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
        for (var ch = 0; ch < c; ch++)
        {
            double Pixel(int sx, int sy) => source.Pixels[(sy * source.Width + sx) * c + ch];
            int dx = x + offsetX, dy = y + offsetY;
            result[(y * width + x) * c + ch] = interpolation switch
            {
                Interpolation.Bilinear => Bilinear(Pixel, source.Width, source.Height, scaledWidth, scaledHeight, dx, dy),
                Interpolation.Nearest => Pixel(
                    Math.Min(source.Width - 1, (int)Math.Floor((dx + 0.5) * source.Width / scaledWidth)),
                    Math.Min(source.Height - 1, (int)Math.Floor((dy + 0.5) * source.Height / scaledHeight))),
                _ when scaledWidth <= source.Width && scaledHeight <= source.Height =>
                    AreaMean(Pixel, source.Width, source.Height, scaledWidth, scaledHeight, dx, dy),
                _ => AreaLinear(Pixel, source.Width, source.Height, scaledWidth, scaledHeight, dx, dy),
            };
        }
        return result;
    }

    /// <summary>The formula of shared/models/README.md section 1 (tf.image.resizeBilinear, half-pixel centres).</summary>
    private static double Bilinear(Func<int, int, double> image, int w, int h, int sw, int sh, int x, int y)
    {
        double srcY = ((double)h / sh) * (y + 0.5) - 0.5, srcX = ((double)w / sw) * (x + 0.5) - 0.5;
        int y0 = Math.Max(0, (int)Math.Floor(srcY)), y1 = Math.Min(h - 1, (int)Math.Ceiling(srcY));
        int x0 = Math.Max(0, (int)Math.Floor(srcX)), x1 = Math.Min(w - 1, (int)Math.Ceiling(srcX));
        double fy = srcY - y0, fx = srcX - x0;
        var top = image(x0, y0) + (image(x1, y0) - image(x0, y0)) * fx;
        var bottom = image(x0, y1) + (image(x1, y1) - image(x0, y1)) * fx;
        return top + (bottom - top) * fy;
    }

    /// <summary>Mean over the output pixel's footprint [x·w/sw, (x+1)·w/sw) × [y·h/sh, (y+1)·h/sh), weighted by overlap area.</summary>
    private static double AreaMean(Func<int, int, double> image, int w, int h, int sw, int sh, int x, int y)
    {
        double x0 = (double)x * w / sw, x1 = (double)(x + 1) * w / sw, y0 = (double)y * h / sh, y1 = (double)(y + 1) * h / sh;
        double sum = 0, area = 0;
        for (var sy = (int)Math.Floor(y0); sy < Math.Min(h, Math.Ceiling(y1)); sy++)
        for (var sx = (int)Math.Floor(x0); sx < Math.Min(w, Math.Ceiling(x1)); sx++)
        {
            var overlap = Math.Max(0, Math.Min(sx + 1, x1) - Math.Max(sx, x0)) * Math.Max(0, Math.Min(sy + 1, y1) - Math.Max(sy, y0));
            sum += overlap * image(sx, sy);
            area += overlap;
        }
        return sum / area;
    }

    /// <summary>
    /// OpenCV INTER_AREA when not shrinking on both axes (imgproc/resize.cpp): per axis s = ⌊d/scale⌋ and
    /// f = ((d+1) − (s+1)·scale) mod 1 (0 when not positive, and at the last sample), blending samples s and s+1;
    /// scale = scaled/n, and the fraction is taken exactly as a rational number.
    /// </summary>
    private static double AreaLinear(Func<int, int, double> image, int w, int h, int sw, int sh, int x, int y)
    {
        static (int S0, int S1, double F) Axis(int d, int n, int scaled)
        {
            var s = d * n / scaled;
            var f = new decimal(d + 1) - new decimal(s + 1) * scaled / n;
            f = f <= 0 ? 0 : f - decimal.Floor(f);
            if (s >= n - 1) (s, f) = (n - 1, 0);
            return (s, Math.Min(s + 1, n - 1), (double)f);
        }
        var (xs0, xs1, fx) = Axis(x, w, sw);
        var (ys0, ys1, fy) = Axis(y, h, sh);
        return (1 - fy) * ((1 - fx) * image(xs0, ys0) + fx * image(xs1, ys0)) + fy * ((1 - fx) * image(xs0, ys1) + fx * image(xs1, ys1));
    }

    /// <summary>Narrow to float, round half to even, clamp: how the library turns values into bytes.</summary>
    public static byte ToByte(double value) => (byte)Math.Clamp(MathF.Round((float)value), 0f, 255f);
}
