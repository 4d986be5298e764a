namespace DeepLearningPipelines.Vision.Imaging;

/// <summary>Receives each output row of a resampling as unrounded double values (width × channels, interleaved).</summary>
internal interface IResampledRowSink
{
    void WriteRow(int y, ReadOnlySpan<double> values);
}
