using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn;
using DeepLearningPipelines.Nn.Execution;
using DeepLearningPipelines.Nn.Zoo;
using DeepLearningPipelines.Tests.Nn.Onnx;
using DeepLearningPipelines.Tests.Support;

namespace DeepLearningPipelines.Tests.Nn.Zoo;

/// <summary>A preprocessing file chained before a network file of batch 1, on small synthetic ONNX files.</summary>
public class NuGetModelGraphTests
{
    private static NuGetModelFiles Write(int[] reshape)
    {
        var dir = TestPaths.NewTempDir();
        var pre = new OnnxModelBuilder(8).Input("raw", 1, 2, 2).Output("prepared", 1, 2, 2).Floats("mean", [1f, 2f, 3f, 4f], 1, 2, 2);
        pre.Node("Sub", ["raw", "mean"], "prepared");
        var net = new OnnxModelBuilder(13).Input("x", 1, 2, 2).Output("y", 1, 4).Ints("shape", reshape);
        net.Node("Reshape", ["x", "shape"], "y");
        var files = new NuGetModelFiles(Path.Combine(dir, "pre.onnx"), Path.Combine(dir, "net.onnx"));
        File.WriteAllBytes(files.Preprocess, pre.Build());
        File.WriteAllBytes(files.Network, net.Build());
        return files;
    }

    [Fact]
    public void RunsBatchesOfAnySize()
    {
        var graph = NuGetModelGraph.Load(Write([0, -1]));
        using var executor = new GraphExecutor(graph);
        using var y = executor.Run(new Tensor([1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f], 2, 2, 2));
        Assert.Equal([2, 4], y.Shape);
        Assert.Equal([0f, 0f, 0f, 0f, 4f, 4f, 4f, 4f], y.ToArray());
    }

    [Fact]
    public void RejectsAReshapeThatBakesInTheBatchOfOne()
    {
        var e = Assert.Throws<ModelFormatException>(() => NuGetModelGraph.Load(Write([1, -1])));
        Assert.Contains("batch of 2", e.Message);
    }

    [Fact]
    public void RejectsAnUnknownOutput()
    {
        var e = Assert.Throws<ModelFormatException>(() => NuGetModelGraph.Load(Write([0, -1]), ["nowhere"]));
        Assert.Contains("its output is y", e.Message);
    }
}
