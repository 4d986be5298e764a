using DeepLearningPipelines.Nn;
using DeepLearningPipelines.Nn.Execution;
using DeepLearningPipelines.Nn.Execution.Cpu;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Nn.Onnx;
using DeepLearningPipelines.Tests.Nn.Onnx;

namespace DeepLearningPipelines.Tests.Nn.Execution;

public class MemoryPlanTests
{
    [Fact]
    public void ChainReusesTwoSlots()
    {
        // v0 (input, unplanned) → v1 → v2 → v3 → v4 → v5
        int[] sizes = [10, 10, 20, 10, 20, 10];
        bool[] planned = [false, true, true, true, true, true];
        var steps = Enumerable.Range(0, 5).Select(i => (new[] { i }, new[] { i + 1 }, -1)).ToArray();
        var plan = new MemoryPlan(sizes, planned, steps);
        Assert.Equal(2, plan.SlotSizes.Count);
        Assert.Equal(-1, plan.SlotOf[0]);
        for (int v = 1; v < 5; v++) Assert.NotEqual(plan.SlotOf[v], plan.SlotOf[v + 1]);
        for (int v = 1; v <= 5; v++) Assert.True(plan.SlotSizes[plan.SlotOf[v]] >= sizes[v]);
    }

    [Fact]
    public void ValueLiveAcrossABranchKeepsItsSlot()
    {
        // v1 is read by step 1 and step 3 (skip connection): nothing written in between may take its slot.
        int[] sizes = [4, 4, 4, 4, 4];
        bool[] planned = [false, true, true, true, true];
        (int[], int[], int)[] steps = [([0], [1], -1), ([1], [2], -1), ([2], [3], -1), ([1, 3], [4], -1)];
        var plan = new MemoryPlan(sizes, planned, steps);
        Assert.NotEqual(plan.SlotOf[1], plan.SlotOf[2]);
        Assert.NotEqual(plan.SlotOf[1], plan.SlotOf[3]);
        Assert.NotEqual(plan.SlotOf[1], plan.SlotOf[4]);
        Assert.NotEqual(plan.SlotOf[3], plan.SlotOf[4]);
        Assert.Equal(3, plan.SlotSizes.Count);
    }

    [Fact]
    public void OutputTakesOverTheSlotOfAnInPlaceInputAtItsLastRead()
    {
        // v1 → v2; step 2 reads v2 and (in place) v1, its last reader: v3 is written over v1.
        int[] sizes = [4, 4, 4, 4, 4];
        bool[] planned = [false, true, true, true, true];
        (int[], int[], int)[] steps = [([0], [1], -1), ([1], [2], -1), ([2, 1], [3], 1), ([3], [4], -1)];
        var plan = new MemoryPlan(sizes, planned, steps);
        Assert.Equal(plan.SlotOf[1], plan.SlotOf[3]);
        Assert.NotEqual(plan.SlotOf[2], plan.SlotOf[3]);
        Assert.NotEqual(plan.SlotOf[3], plan.SlotOf[4]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void InPlaceIsRefusedWhileTheInputIsStillNeeded(bool readTwiceInTheStep)
    {
        // Either step 2 also reads v1 as another input, or step 3 reads v1 again afterwards.
        int[] sizes = [4, 4, 4, 4, 4];
        bool[] planned = [false, true, true, true, true];
        (int[], int[], int)[] steps = readTwiceInTheStep
            ? [([0], [1], -1), ([1], [2], -1), ([1, 2, 1], [3], 2), ([3], [4], -1)]
            : [([0], [1], -1), ([1], [2], -1), ([2, 1], [3], 1), ([3, 1], [4], -1)];
        var plan = new MemoryPlan(sizes, planned, steps);
        Assert.NotEqual(plan.SlotOf[1], plan.SlotOf[3]);
    }

    [Fact]
    public void ResidualConvolutionRunsInPlaceWithUnchangedOutputs()
    {
        // x → conv a (relu) → conv b (relu) → conv c + a (relu) → global pool → y: conv c is a's last reader, so it writes over a.
        var rng = new Random(9);
        var g = new ModelGraph();
        g.Inputs.Add(new ValueInfo("x", [-1, 4, 9, 9]));
        g.Outputs.Add(new ValueInfo("y", [-1, 6, 1, 1]));
        g.Initializers["wa"] = new Tensor(TestData.Random(rng, 6 * 4), 6, 4, 1, 1);
        g.Initializers["wb"] = new Tensor(TestData.Random(rng, 5 * 6 * 9), 5, 6, 3, 3);
        g.Initializers["wc"] = new Tensor(TestData.Random(rng, 6 * 5), 6, 5, 1, 1);
        g.Nodes.Add(new Node("a", OpKind.Conv, ["x", "wa"], ["a0"]));
        g.Nodes.Add(new Node("ra", OpKind.Relu, ["a0"], ["a"]));
        g.Nodes.Add(new Node("b", OpKind.Conv, ["a", "wb"], ["b0"], new NodeAttributes().Set("pads", [1, 1, 1, 1])));
        g.Nodes.Add(new Node("rb", OpKind.Relu, ["b0"], ["b"]));
        g.Nodes.Add(new Node("c", OpKind.Conv, ["b", "wc"], ["c0"]));
        g.Nodes.Add(new Node("add", OpKind.Add, ["c0", "a"], ["s0"]));
        g.Nodes.Add(new Node("rs", OpKind.Relu, ["s0"], ["s"]));
        g.Nodes.Add(new Node("pool", OpKind.GlobalAveragePool, ["s"], ["y"]));
        var x = new Tensor(TestData.Random(new Random(10), 3 * 4 * 81), 3, 4, 9, 9);
        using var plain = new GraphExecutor(g, optimize: false);
        using var fused = new GraphExecutor(g);
        Assert.Equal("a", fused.Graph.Nodes.Single(n => n.Name == "c").Input(3));
        using var expected = plain.Run(x);
        using var actual = fused.Run(x);
        TestData.AssertClose(expected.Span, actual.Span, 1e-5f);

        // a and b live together; c's output then takes over a's buffer instead of a third one.
        using var plan = new ExecutionPlan(fused.Graph, GraphSorter.Sort(fused.Graph), new CpuBackend(), new Dictionary<string, int[]> { ["x"] = [3, 4, 9, 9] }, ["y"]);
        Assert.Equal(2, plan.SlotCount);
    }

    [Fact]
    public void SqueezeNetPlanSharesBuffers()
    {
        using var executor = new GraphExecutor(OnnxImporter.Load(SqueezeNetTests.ModelPath));
        var graph = executor.Graph;
        var order = GraphSorter.Sort(graph);
        var inputShapes = new Dictionary<string, int[]> { ["data_0"] = [1, 3, 224, 224] };
        long intermediates = ShapeInference.Infer(graph, order, inputShapes)
            .Where(kv => !graph.Initializers.ContainsKey(kv.Key) && kv.Key != "data_0" && !graph.IsOutput(kv.Key))
            .Sum(kv => (long)Tensor.ElementCount(kv.Value));
        using var plan = new ExecutionPlan(graph, order, new CpuBackend(), inputShapes, ["softmaxout_1"]);
        // Liveness reuse: the slots hold well under half of what one buffer per value would.
        Assert.True(plan.PlannedFloats < intermediates / 2, $"{plan.PlannedFloats} planned floats for {intermediates} intermediate floats");
    }
}
