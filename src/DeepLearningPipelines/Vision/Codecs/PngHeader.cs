namespace DeepLearningPipelines.Vision.Codecs;

/// <summary>The fields of a PNG IHDR chunk plus what follows from them.</summary>
internal readonly record struct PngHeader(int Width, int Height, int BitDepth, int ColorType, bool Interlaced)
{
    public const int Gray = 0, Rgb = 2, Palette = 3, GrayAlpha = 4, Rgba = 6;

    /// <summary>Samples per pixel in the encoded data.</summary>
    public int SamplesPerPixel => ColorType switch
    {
        Gray or Palette => 1,
        GrayAlpha => 2,
        Rgb => 3,
        _ => 4,
    };

    public int BitsPerPixel => SamplesPerPixel * BitDepth;

    /// <summary>The filter's "bpp": bytes per complete pixel, at least 1.</summary>
    public int FilterStride => Math.Max(1, BitsPerPixel / 8);

    /// <summary>Bytes in one scanline of <paramref name="width"/> pixels, without the filter byte.</summary>
    public long RowBytes(int width) => ((long)width * BitsPerPixel + 7) / 8;

    /// <summary>Whether the colour type and bit depth form a combination the PNG specification allows.</summary>
    public bool IsValidCombination => ColorType switch
    {
        Gray => BitDepth is 1 or 2 or 4 or 8 or 16,
        Palette => BitDepth is 1 or 2 or 4 or 8,
        Rgb or GrayAlpha or Rgba => BitDepth is 8 or 16,
        _ => false,
    };
}
