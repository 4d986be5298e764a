namespace DeepLearningPipelines.Vision.Imaging;

/// <summary>How resampled values become 8-bit pixels.</summary>
internal static class PixelRounding
{
    /// <summary>
    /// Narrows to float32 (as TensorFlow stores its resize output), rounds half to even, clamps to 0..255.
    /// </summary>
    public static byte ToByte(double value) => (byte)Math.Clamp(MathF.Round((float)value), 0f, 255f);
}
