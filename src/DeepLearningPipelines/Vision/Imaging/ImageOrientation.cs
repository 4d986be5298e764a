namespace DeepLearningPipelines.Vision.Imaging;

/// <summary>Applies the eight EXIF orientations (TIFF tag 0x0112) so that the stored image is displayed upright.</summary>
public static class ImageOrientation
{
    /// <summary>Whether an orientation swaps width and height (5–8).</summary>
    public static bool SwapsAxes(int orientation) => orientation is >= 5 and <= 8;

    /// <summary>
    /// The upright image for a stored image tagged with <paramref name="orientation"/>: 1 unchanged, 2 mirrored,
    /// 3 rotated 180°, 4 flipped, 5 transposed, 6 rotated 90° clockwise, 7 transversed, 8 rotated 90° anticlockwise.
    /// Returns <paramref name="image"/> itself for 1 or any value outside 1–8.
    /// </summary>
    public static ImageData Apply(ImageData image, int orientation)
    {
        if (orientation is < 2 or > 8) return image;
        int h = image.Height, w = image.Width, c = image.Channels;
        var swap = SwapsAxes(orientation);
        var result = swap ? new ImageData(w, h, c) : new ImageData(h, w, c);
        var src = image.Pixels;
        var dst = result.Pixels;
        var outWidth = result.Width;
        for (var y = 0; y < result.Height; y++)
        {
            for (var x = 0; x < outWidth; x++)
            {
                var (sy, sx) = orientation switch
                {
                    2 => (y, w - 1 - x),
                    3 => (h - 1 - y, w - 1 - x),
                    4 => (h - 1 - y, x),
                    5 => (x, y),
                    6 => (h - 1 - x, y),
                    7 => (h - 1 - x, w - 1 - y),
                    _ => (x, w - 1 - y),
                };
                Array.Copy(src, (sy * w + sx) * c, dst, (y * outWidth + x) * c, c);
            }
        }
        return result;
    }
}
