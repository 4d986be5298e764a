namespace DeepLearningPipelines.Vision.Imaging;

/// <summary>Output size and method of a resize.</summary>
/// <param name="Width">Output width in pixels (positive).</param>
/// <param name="Height">Output height in pixels (positive).</param>
/// <param name="Mode">Squash or centre crop.</param>
/// <param name="Interpolation">Area, bilinear or nearest.</param>
public sealed record ResizeOptions(
    int Width,
    int Height,
    ResizeMode Mode = ResizeMode.Squash,
    Interpolation Interpolation = Interpolation.Area);
