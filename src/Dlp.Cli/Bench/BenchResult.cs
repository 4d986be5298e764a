namespace DeepLearningPipelines.Cli.Bench;

/// <summary>
/// One model at one batch size on both runtimes: median seconds per batch, FLOPs per batch (2 per multiply-add of
/// Conv, Gemm and MatMul) and the largest absolute difference between the two runtimes' outputs on the same input.
/// </summary>
internal sealed record BenchResult(
    string Model,
    bool IncludesTop,
    int Batch,
    double OursSeconds,
    double OrtSeconds,
    long FlopsPerBatch,
    double MaxAbsDifference,
    double MaxAbsOutput)
{
    public double OursImagesPerSecond => Batch / OursSeconds;
    public double OrtImagesPerSecond => Batch / OrtSeconds;

    /// <summary>Our throughput divided by ONNX Runtime's (above 1: ours is faster).</summary>
    public double Ratio => OursImagesPerSecond / OrtImagesPerSecond;

    /// <summary>The largest difference relative to the largest ONNX Runtime output magnitude.</summary>
    public double RelativeDifference => MaxAbsOutput > 0 ? MaxAbsDifference / MaxAbsOutput : MaxAbsDifference;

    public double OursGflops => FlopsPerBatch / OursSeconds / 1e9;
    public double OrtGflops => FlopsPerBatch / OrtSeconds / 1e9;
}
