namespace DeepLearningPipelines.Vision.Imaging;

/// <summary>Stores resampled rows into an 8-bit image, rounding each value to float, then half-to-even, then clamping.</summary>
internal readonly struct ByteRowSink(ImageData target) : IResampledRowSink
{
    public void WriteRow(int y, ReadOnlySpan<double> values) => PixelRounding.ToBytes(values, target.Row(y));
}
