using DeepLearningPipelines.Nn;
using DeepLearningPipelines.Nn.Execution;
using DeepLearningPipelines.Nn.Graph;

namespace DeepLearningPipelines.Tests.Nn.Graph;

public class GraphOptimizerTests
{
    /// <summary>x → Conv(3→4, 3×3, pad 1) → BatchNormalization → Clip(0,6) → Dropout → y.</summary>
    private static ModelGraph ConvBnClip(bool convBias)
    {
        var rng = new Random(11);
        var g = new ModelGraph();
        g.Inputs.Add(new ValueInfo("x", [-1, 3, 9, 7]));
        g.Outputs.Add(new ValueInfo("y", [-1, 4, 9, 7]));
        g.Initializers["w"] = new Tensor(TestData.Random(rng, 4 * 3 * 9), 4, 3, 3, 3);
        if (convBias) g.Initializers["b"] = new Tensor(TestData.Random(rng, 4), 4);
        g.Initializers["scale"] = new Tensor(TestData.Random(rng, 4, 2f), 4);
        g.Initializers["shift"] = new Tensor(TestData.Random(rng, 4), 4);
        g.Initializers["mean"] = new Tensor(TestData.Random(rng, 4), 4);
        g.Initializers["var"] = new Tensor(TestData.Random(rng, 4).Select(v => v + 1.5f).ToArray(), 4);
        g.Nodes.Add(new Node("conv", OpKind.Conv, convBias ? ["x", "w", "b"] : ["x", "w"], ["c"], new NodeAttributes().Set("pads", [1, 1, 1, 1])));
        g.Nodes.Add(new Node("bn", OpKind.BatchNormalization, ["c", "scale", "shift", "mean", "var"], ["n"], new NodeAttributes().Set("epsilon", 1e-3f)));
        g.Nodes.Add(new Node("clip", OpKind.Clip, ["n"], ["a"], new NodeAttributes().Set("min", 0f).Set("max", 6f)));
        g.Nodes.Add(new Node("drop", OpKind.Dropout, ["a"], ["y"]));
        return g;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void FoldingAndFusionKeepOutputs(bool convBias)
    {
        var graph = ConvBnClip(convBias);
        var x = new Tensor(TestData.Random(new Random(3), 2 * 3 * 9 * 7, 3f), 2, 3, 9, 7);
        using var plain = new GraphExecutor(graph, optimize: false);
        using var optimised = new GraphExecutor(graph);
        Assert.Equal(4, plain.Graph.Nodes.Count);
        var node = Assert.Single(optimised.Graph.Nodes);
        Assert.Equal(OpKind.Conv, node.Op);
        Assert.Equal(6f, node.Attributes.GetFloat("activation_max", 0f));
        Assert.Equal("y", node.Outputs[0]);
        Assert.Equal(4, graph.Nodes.Count);

        using var expected = plain.Run(x);
        using var actual = optimised.Run(x);
        // Folding reassociates (x·w)·s into x·(w·s): float32 rounding differences only.
        TestData.AssertClose(expected.Span, actual.Span, 1e-5f, 1e-5f);
    }

    [Fact]
    public void PreservedValuesAreNotFusedAway()
    {
        using var executor = new GraphExecutor(ConvBnClip(true), featureValues: ["n"]);
        Assert.Equal([OpKind.Conv, OpKind.Clip], executor.Graph.Nodes.Select(n => n.Op));
        var x = new Tensor(TestData.Random(new Random(4), 3 * 9 * 7, 3f), 1, 3, 9, 7);
        var results = executor.Run(new Dictionary<string, Tensor> { ["x"] = x }, ["n", "y"]);
        float[] clipped = results["n"].ToArray().Select(v => Math.Min(Math.Max(v, 0f), 6f)).ToArray();
        Assert.Equal(clipped, results["y"].ToArray());
        foreach (var t in results.Values) t.Dispose();
    }

    [Fact]
    public void ResidualAddAndReluFoldIntoTheConv()
    {
        var rng = new Random(5);
        var g = new ModelGraph();
        g.Inputs.Add(new ValueInfo("x", [-1, 4, 6, 6]));
        g.Outputs.Add(new ValueInfo("y", [-1, 4, 6, 6]));
        g.Initializers["w"] = new Tensor(TestData.Random(rng, 4 * 4 * 9), 4, 4, 3, 3);
        g.Initializers["b"] = new Tensor(TestData.Random(rng, 4), 4);
        g.Nodes.Add(new Node("conv", OpKind.Conv, ["x", "w", "b"], ["c"], new NodeAttributes().Set("pads", [1, 1, 1, 1])));
        g.Nodes.Add(new Node("add", OpKind.Add, ["x", "c"], ["s"]));
        g.Nodes.Add(new Node("relu", OpKind.Relu, ["s"], ["y"]));
        using var plain = new GraphExecutor(g, optimize: false);
        using var fused = new GraphExecutor(g);
        var conv = Assert.Single(fused.Graph.Nodes);
        Assert.Equal(["x", "w", "b", "x"], conv.Inputs);
        Assert.Equal(0f, conv.Attributes.GetFloat("activation_min", float.NaN));
        var x = new Tensor(TestData.Random(new Random(6), 3 * 4 * 36), 3, 4, 6, 6);
        using var expected = plain.Run(x);
        using var actual = fused.Run(x);
        TestData.AssertClose(expected.Span, actual.Span, 1e-6f);
    }

    /// <summary>x → Pad(0) → Conv(3×3) → Relu → Pad(0) → MaxPool(3×3, stride 2) → y, or with the Relu left out.</summary>
    private static ModelGraph PaddedConvPool(bool relu)
    {
        var rng = new Random(7);
        var g = new ModelGraph();
        g.Inputs.Add(new ValueInfo("x", [-1, 3, 11, 10]));
        g.Outputs.Add(new ValueInfo("y", [-1, 5, 6, 6]));
        g.Initializers["w"] = new Tensor(TestData.Random(rng, 5 * 3 * 9), 5, 3, 3, 3);
        g.Nodes.Add(new Node("pad1", OpKind.Pad, ["x"], ["xp"], new NodeAttributes().Set("pads", [0, 0, 2, 1, 0, 0, 1, 2])));
        g.Nodes.Add(new Node("conv", OpKind.Conv, ["xp", "w"], [relu ? "c" : "r"]));
        if (relu) g.Nodes.Add(new Node("relu", OpKind.Relu, ["c"], ["r"]));
        g.Nodes.Add(new Node("pad2", OpKind.Pad, ["r"], ["rp"], new NodeAttributes().Set("pads", [0, 0, 1, 1, 0, 0, 1, 0])));
        g.Nodes.Add(new Node("pool", OpKind.MaxPool, ["rp"], ["y"], new NodeAttributes().Set("kernel_shape", [3, 3]).Set("strides", [2, 2])));
        return g;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ZeroPadsFoldIntoConvAndIntoMaxPoolOverNonNegativeValues(bool relu)
    {
        var graph = PaddedConvPool(relu);
        using var plain = new GraphExecutor(graph, optimize: false);
        using var folded = new GraphExecutor(graph);
        var conv = folded.Graph.Nodes.Single(n => n.Op == OpKind.Conv);
        Assert.Equal([2, 1, 1, 2], conv.Attributes.GetInts("pads")!);
        // A zero pad before a max pool is the pool's own padding only when no value can be negative.
        Assert.Equal(relu ? 0 : 1, folded.Graph.Nodes.Count(n => n.Op == OpKind.Pad));
        var x = new Tensor(TestData.Random(new Random(8), 2 * 3 * 11 * 10, 2f), 2, 3, 11, 10);
        using var expected = plain.Run(x);
        using var actual = folded.Run(x);
        TestData.AssertClose(expected.Span, actual.Span, 1e-5f);
    }
}
