namespace DeepLearningPipelines.Cli.Bench;

/// <summary>
/// One model at one batch size on the chosen engine (ours) and on plain ONNX Runtime: median seconds per batch, cold
/// start (model import and compilation plus the first batch), FLOPs per batch (2 per multiply-add of Conv, Gemm and
/// MatMul) and the largest absolute difference between the two outputs on the same input.
/// </summary>
internal sealed record BenchResult(
    string Model,
    bool IncludesTop,
    int Batch,
    string Engine,
    double OursSeconds,
    double OrtSeconds,
    double OursColdSeconds,
    double OrtColdSeconds,
    long FlopsPerBatch,
    double MaxAbsDifference,
    double MaxAbsOutput)
{
    public double OursImagesPerSecond => Batch / OursSeconds;
    public double OrtImagesPerSecond => Batch / OrtSeconds;

    /// <summary>Our throughput divided by plain ONNX Runtime's (above 1: ours is faster).</summary>
    public double Ratio => OursImagesPerSecond / OrtImagesPerSecond;

    /// <summary>The largest difference relative to the largest ONNX Runtime output magnitude.</summary>
    public double RelativeDifference => MaxAbsOutput > 0 ? MaxAbsDifference / MaxAbsOutput : MaxAbsDifference;

    public double OursGflops => FlopsPerBatch / OursSeconds / 1e9;
    public double OrtGflops => FlopsPerBatch / OrtSeconds / 1e9;
}
