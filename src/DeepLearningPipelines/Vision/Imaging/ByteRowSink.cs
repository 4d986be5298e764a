namespace DeepLearningPipelines.Vision.Imaging;

/// <summary>Stores resampled rows into an 8-bit image, rounding each value to float, then half-to-even, then clamping.</summary>
internal readonly struct ByteRowSink(ImageData target) : IResampledRowSink
{
    public void WriteRow(int y, ReadOnlySpan<double> values)
    {
        var row = target.Row(y);
        for (var i = 0; i < values.Length; i++)
            row[i] = PixelRounding.ToByte(values[i]);
    }
}
