using System.IO.Compression;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Vision.Imaging;

namespace DeepLearningPipelines.Vision.Codecs;

/// <summary>Writes 8-bit gray, BGR or BGRA images as non-interlaced PNG (gray, RGB or RGBA; Sub filter; zlib).</summary>
public static class PngEncoder
{
    /// <summary>The PNG file for <paramref name="image"/>.</summary>
    public static byte[] Encode(ImageData image, CompressionLevel level = CompressionLevel.Optimal)
    {
        var rgb = (byte[])image.Pixels.Clone();
        if (image.Channels >= 3)
            for (int i = 0; i < rgb.Length; i += image.Channels)
                (rgb[i], rgb[i + 2]) = (rgb[i + 2], rgb[i]);
        return PngWriter.Encode(image.Width, image.Height, image.Channels, rgb, level);
    }
}
