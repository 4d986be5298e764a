namespace DeepLearningPipelines.Vision.Codecs;

/// <summary>One pass of a PNG image: the sub-image of pixels starting at (X0, Y0) every (DX, DY) pixels.</summary>
internal readonly record struct PngPass(int X0, int Y0, int DX, int DY, int Width, int Height);

/// <summary>The passes of PNG's Adam7 interlace (or the single pass of a non-interlaced image).</summary>
internal static class Adam7
{
    private static readonly (int X0, int Y0, int DX, int DY)[] Steps =
        [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];

    /// <summary>The non-empty passes of an image, in file order.</summary>
    public static IEnumerable<PngPass> Passes(int width, int height, bool interlaced)
    {
        if (!interlaced)
        {
            yield return new PngPass(0, 0, 1, 1, width, height);
            yield break;
        }
        foreach (var (x0, y0, dx, dy) in Steps)
        {
            var w = (width - x0 + dx - 1) / dx;
            var h = (height - y0 + dy - 1) / dy;
            if (w > 0 && h > 0) yield return new PngPass(x0, y0, dx, dy, w, h);
        }
    }
}
