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
        var steps = Enumerable.Range(0, 5).Select(i => (new[] { i }, new[] { i + 1 })).ToArray();
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
        (int[], int[])[] steps = [([0], [1]), ([1], [2]), ([2], [3]), ([1, 3], [4])];
        var plan = new MemoryPlan(sizes, planned, steps);
        Assert.NotEqual(plan.SlotOf[1], plan.SlotOf[2]);
        Assert.NotEqual(plan.SlotOf[1], plan.SlotOf[3]);
        Assert.NotEqual(plan.SlotOf[1], plan.SlotOf[4]);
        Assert.NotEqual(plan.SlotOf[3], plan.SlotOf[4]);
        Assert.Equal(3, plan.SlotSizes.Count);
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
