using DeepLearningPipelines.Vision.Imaging;

namespace DeepLearningPipelines.Vision.Codecs;

/// <summary>Naive CMYK → BGR conversion (no colour profile), as JPEG decoders without colour management do.</summary>
internal static class CmykConverter
{
    /// <summary>
    /// Converts interleaved CMYK bytes. Adobe-marked JPEGs store inverted ink values, so there
    /// R = C·K/255; otherwise R = (255−C)(255−K)/255 (same for G with M and B with Y), rounded.
    /// </summary>
    public static ImageData ToBgr(byte[] cmyk, int height, int width, bool inverted)
    {
        var image = new ImageData(height, width, 3);
        var dst = image.Pixels;
        for (int s = 0, o = 0; o < dst.Length; s += 4, o += 3)
        {
            int c = cmyk[s], m = cmyk[s + 1], y = cmyk[s + 2], k = cmyk[s + 3];
            if (!inverted)
            {
                c = 255 - c;
                m = 255 - m;
                y = 255 - y;
                k = 255 - k;
            }
            dst[o] = (byte)((y * k + 127) / 255);
            dst[o + 1] = (byte)((m * k + 127) / 255);
            dst[o + 2] = (byte)((c * k + 127) / 255);
        }
        return image;
    }
}
