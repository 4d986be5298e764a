using System.Diagnostics;
using DeepLearningPipelines.Nn.Execution;
using DeepLearningPipelines.Nn.Graph;

namespace DeepLearningPipelines.Nn.Diagnostics;

/// <summary>Result of <see cref="ThroughputBenchmark.Measure"/>; times are per batch.</summary>
public sealed record ThroughputResult(int Batch, int Runs, double MedianMilliseconds, double BestMilliseconds, double CpuMilliseconds, long MacsPerBatch)
{
    /// <summary>Images per second at the median batch time.</summary>
    public double ImagesPerSecond => Batch * 1000.0 / MedianMilliseconds;

    /// <summary>GFLOPS of the Conv and Gemm/MatMul nodes (2 FLOPs per multiply-accumulate) at the median batch time.</summary>
    public double Gflops => 2.0 * MacsPerBatch / (MedianMilliseconds / 1000) / 1e9;

    /// <inheritdoc />
    public override string ToString() =>
        $"batch {Batch}: median {MedianMilliseconds:F1} ms (best {BestMilliseconds:F1}, CPU {CpuMilliseconds:F1}) over {Runs} runs, " +
        $"{ImagesPerSecond:F1} images/s, {2.0 * MacsPerBatch / 1e9:F2} GFLOP/batch -> {Gflops:F1} GFLOPS";
}

/// <summary>Short wall-clock throughput measurements of a single-input graph on seeded random input.</summary>
public static class ThroughputBenchmark
{
    /// <summary>
    /// Runs <paramref name="executor"/> on a batch of random images of shape <paramref name="imageShape"/> (C,H,W)
    /// for two warm-up runs and then for at least <paramref name="duration"/> (and at least two runs).
    /// </summary>
    public static ThroughputResult Measure(GraphExecutor executor, int batch, int[] imageShape, TimeSpan duration)
    {
        int[] shape = [batch, .. imageShape];
        using var input = new Tensor(shape);
        var rng = new Random(1);
        foreach (ref float v in input.Span) v = rng.NextSingle() * 2 - 1;
        for (int i = 0; i < 2; i++) executor.Run(input).Dispose();

        var times = new List<double>();
        var process = Process.GetCurrentProcess();
        var cpuStart = process.TotalProcessorTime;
        var total = Stopwatch.StartNew();
        while (total.Elapsed < duration || times.Count < 2)
        {
            long start = Stopwatch.GetTimestamp();
            executor.Run(input).Dispose();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        process.Refresh();
        double cpu = (process.TotalProcessorTime - cpuStart).TotalMilliseconds / times.Count;
        times.Sort();
        return new ThroughputResult(batch, times.Count, times[times.Count / 2], times[0], cpu, Macs(executor.Graph, shape));
    }

    /// <summary>Multiply-accumulates of all Conv and Gemm/MatMul nodes for one run with input shape <paramref name="inputShape"/>.</summary>
    public static long Macs(ModelGraph graph, int[] inputShape)
    {
        var shapes = ShapeInference.Infer(graph, GraphSorter.Sort(graph), new Dictionary<string, int[]> { [graph.Inputs[0].Name] = inputShape });
        long macs = 0;
        foreach (var node in graph.Nodes)
        {
            int[] y = shapes[node.Outputs[0]];
            if (node.Op == OpKind.Conv)
            {
                int[] w = shapes[node.Inputs[1]];
                macs += (long)Tensor.ElementCount(y) * w[1] * w[2] * w[3];
            }
            else if (node.Op is OpKind.Gemm or OpKind.MatMul)
            {
                int[] a = shapes[node.Inputs[0]];
                bool transA = node.Attributes.GetInt("transA", 0) != 0;
                macs += (long)Tensor.ElementCount(y) * (transA ? a[^2] : a[^1]);
            }
        }
        return macs;
    }
}
