using DeepLearningPipelines.Nn;
using DeepLearningPipelines.Nn.Diagnostics;
using DeepLearningPipelines.Nn.Execution;
using DeepLearningPipelines.Nn.Execution.Cpu;
using DeepLearningPipelines.Nn.Graph;

namespace DeepLearningPipelines.Tests.Nn.Diagnostics;

public class DiagnosticsTests
{
    /// <summary>Conv 3→4 (3×3, pad 1) on 8×8, ReLU, global average pool, flatten, dense 4→5.</summary>
    private static ModelGraph Small()
    {
        var rng = new Random(9);
        var g = new ModelGraph();
        g.Inputs.Add(new ValueInfo("x", [-1, 3, 8, 8]));
        g.Outputs.Add(new ValueInfo("y", [-1, 5]));
        g.Initializers["w"] = new Tensor(TestData.Random(rng, 4 * 27), 4, 3, 3, 3);
        g.Initializers["fc"] = new Tensor(TestData.Random(rng, 20), 5, 4);
        g.Nodes.Add(new Node("conv", OpKind.Conv, ["x", "w"], ["c"], new NodeAttributes().Set("pads", [1, 1, 1, 1])));
        g.Nodes.Add(new Node("relu", OpKind.Relu, ["c"], ["r"]));
        g.Nodes.Add(new Node("gap", OpKind.GlobalAveragePool, ["r"], ["p"]));
        g.Nodes.Add(new Node("flat", OpKind.Flatten, ["p"], ["f"]));
        g.Nodes.Add(new Node("dense", OpKind.Gemm, ["f", "fc"], ["y"], new NodeAttributes().Set("transB", 1)));
        return g;
    }

    [Fact]
    public void MacsCountConvolutionAndDenseLayers() =>
        Assert.Equal(2L * (4 * 8 * 8 * 27) + 2 * (5 * 4), ThroughputBenchmark.Macs(Small(), [2, 3, 8, 8]));

    [Fact]
    public void MeasureReportsPlausibleTimings()
    {
        using var executor = new GraphExecutor(Small());
        var result = ThroughputBenchmark.Measure(executor, 3, [3, 8, 8], TimeSpan.FromMilliseconds(50));
        Assert.True(result.Runs >= 2);
        Assert.True(result.BestMilliseconds > 0 && result.BestMilliseconds <= result.MedianMilliseconds);
        Assert.Equal(3L * (4 * 8 * 8 * 27) + 3 * (5 * 4), result.MacsPerBatch);
        Assert.Equal(3000 / result.MedianMilliseconds, result.ImagesPerSecond, 6);
    }

    [Fact]
    public void ProfilingBackendTimesEveryNodeOnce()
    {
        var profiler = new ProfilingBackend(new CpuBackend());
        using var executor = new GraphExecutor(Small(), profiler, optimize: false);
        using var y = executor.Run(new Tensor(1, 3, 8, 8));
        Assert.Equal(["conv", "dense", "flat", "gap", "relu"], profiler.Times.Keys.Order());
        Assert.All(profiler.Times.Values, t => Assert.Equal(1, t.Calls));
        Assert.Equal(5, profiler.ByOperator().Count());
        profiler.Reset();
        Assert.Empty(profiler.Times);
    }
}
