namespace DeepLearningPipelines.Nn.Execution;

/// <summary>How a provider compiles and runs a model.</summary>
public sealed record ExecutionOptions
{
    /// <summary>Threads one run may use (ONNX Runtime: intra-op threads); null: the provider's default (all cores).</summary>
    public int? ThreadsPerRun { get; init; }

    /// <summary><c>cpu</c> (default) or <c>cuda</c> (ONNX Runtime with its GPU package only).</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>
    /// Splits <paramref name="cores"/> between concurrent runs so that threads per run × runs ≤ cores: up to four runs
    /// (one per core on small machines), the cores shared evenly between them.
    /// </summary>
    public static (int ConcurrentRuns, int ThreadsPerRun) Budget(int cores)
    {
        cores = Math.Max(1, cores);
        int runs = Math.Min(cores, 4);
        return (runs, Math.Max(1, cores / runs));
    }
}
