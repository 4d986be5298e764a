namespace DeepLearningPipelines.Vision.Imaging;

/// <summary>The x and y tap tables that map a source size to an output size under <see cref="ResizeOptions"/>.</summary>
internal sealed class ResizePlan
{
    private ResizePlan(AxisCoefficients x, AxisCoefficients y)
    {
        X = x;
        Y = y;
    }

    public AxisCoefficients X { get; }
    public AxisCoefficients Y { get; }

    public static ResizePlan Create(int sourceWidth, int sourceHeight, ResizeOptions options)
    {
        if (options.Width <= 0 || options.Height <= 0)
            throw new ArgumentOutOfRangeException(nameof(options), $"Resize target must be positive, got {options.Width}x{options.Height}.");
        var (scaledWidth, scaledHeight) = options.Mode == ResizeMode.CenterCrop
            ? CoveringSize(sourceWidth, sourceHeight, options.Width, options.Height)
            : (options.Width, options.Height);
        var areaAveraging = scaledWidth <= sourceWidth && scaledHeight <= sourceHeight;
        var x = AxisCoefficients.Create(options.Interpolation, areaAveraging, sourceWidth, scaledWidth,
            (scaledWidth - options.Width) / 2, options.Width);
        var y = AxisCoefficients.Create(options.Interpolation, areaAveraging, sourceHeight, scaledHeight,
            (scaledHeight - options.Height) / 2, options.Height);
        return new ResizePlan(x, y);
    }

    /// <summary>The aspect-preserving size that just covers the target (one side equals it, the other is at least as large).</summary>
    private static (int Width, int Height) CoveringSize(int width, int height, int targetWidth, int targetHeight)
    {
        var scale = Math.Max((double)targetWidth / width, (double)targetHeight / height);
        return (Math.Max(targetWidth, (int)Math.Round(width * scale)), Math.Max(targetHeight, (int)Math.Round(height * scale)));
    }
}
