using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Graph;

namespace DeepLearningPipelines.Tests.Nn.Graph;

public class GraphValidationTests
{
    private static ModelGraph Chain(params Node[] nodes)
    {
        var g = new ModelGraph();
        g.Inputs.Add(new ValueInfo("x", [-1, 8]));
        g.Outputs.Add(new ValueInfo("y", [-1, 8]));
        g.Nodes.AddRange(nodes);
        return g;
    }

    [Fact]
    public void SortOrdersProducersFirst()
    {
        var g = Chain(new Node("b", OpKind.Relu, ["t"], ["y"]), new Node("a", OpKind.Sigmoid, ["x"], ["t"]));
        Assert.Equal(["a", "b"], GraphSorter.Sort(g).Select(n => n.Name));
    }

    [Fact]
    public void DuplicateProducerIsNamed()
    {
        var g = Chain(new Node("a", OpKind.Relu, ["x"], ["y"]), new Node("b", OpKind.Tanh, ["x"], ["y"]));
        Assert.Equal("Value 'y' is produced by both node 'a' (Relu) and node 'b' (Tanh).", Assert.Throws<ModelFormatException>(() => GraphSorter.Sort(g)).Message);
    }

    [Fact]
    public void UnproducedOutputIsNamed()
    {
        var g = Chain(new Node("a", OpKind.Relu, ["x"], ["z"]));
        Assert.Contains("Graph output 'y' is not produced", Assert.Throws<ModelFormatException>(() => GraphSorter.Sort(g)).Message);
    }

    [Fact]
    public void ShapeErrorsNameNodeAndShapes()
    {
        var g = Chain(new Node("cat", OpKind.Concat, ["x", "w"], ["y"], new NodeAttributes().Set("axis", 1)));
        g.Initializers["w"] = new DeepLearningPipelines.Nn.Tensor(new float[6], 2, 3);
        var ex = Assert.Throws<ModelFormatException>(() => ShapeInference.InferWithUnitBatch(g, GraphSorter.Sort(g)));
        Assert.Equal("node 'cat' (Concat): input 1 differs outside axis 1. Input shapes: [1,8], [2,3].", ex.Message);
    }

    [Fact]
    public void DynamicBatchPropagates()
    {
        var g = Chain(new Node("f", OpKind.Flatten, ["x"], ["y"], new NodeAttributes().Set("axis", 1)));
        var shapes = ShapeInference.Infer(g, GraphSorter.Sort(g), new Dictionary<string, int[]> { ["x"] = [5, 8] });
        Assert.Equal([5, 8], shapes["y"]);
        var ex = Assert.Throws<ModelFormatException>(() => ShapeInference.Infer(g, GraphSorter.Sort(g), new Dictionary<string, int[]> { ["x"] = [5, 7] }));
        Assert.Equal("Input 'x': expected [N,8], got [5,7].", ex.Message);
    }
}
