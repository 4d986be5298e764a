namespace DeepLearningPipelines.Tests.Vision;

/// <summary>The synthetic pixel patterns of the PNG/BMP fixtures, mirroring Fixtures/images/pattern.py.</summary>
internal static class FixturePatterns
{
    public const int Width = 13, Height = 11;

    public static (byte R, byte G, byte B, byte A) Rgba(int x, int y) =>
        ((byte)((x * 20 + y * 3) % 256), (byte)((y * 23 + x * 5) % 256), (byte)((x * y * 7 + 11) % 256), (byte)((255 - x * 9 - y * 4) % 256));

    public static byte Gray(int x, int y) => (byte)((x * 17 + y * 11) % 256);

    /// <summary>Gray values of a 1/2/4-bit image, already scaled to 0..255.</summary>
    public static byte LowDepthGray(int x, int y, int depth) => (byte)((x * 3 + y * 5) % (1 << depth) * (255 / ((1 << depth) - 1)));

    public static (byte R, byte G, byte B) PaletteColor(int index) => ((byte)(index * 37 % 256), (byte)(index * 91 % 256), (byte)(index * 53 % 256));

    public static int PaletteIndex(int x, int y, int colors) => (x + 2 * y) % colors;

    public static readonly byte[] PaletteAlpha = [0, 128, 255, 60];

    /// <summary>Builds the expected image from a function giving each pixel's channels in the decoder's order (B,G,R[,A] or gray).</summary>
    public static byte[] Expected(int channels, Func<int, int, byte[]> pixel)
    {
        var result = new byte[Width * Height * channels];
        for (var y = 0; y < Height; y++)
        for (var x = 0; x < Width; x++)
            pixel(x, y).CopyTo(result, (y * Width + x) * channels);
        return result;
    }
}
