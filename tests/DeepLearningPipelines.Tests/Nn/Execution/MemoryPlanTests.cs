using DeepLearningPipelines.Nn.Execution;

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
}
