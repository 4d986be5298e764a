namespace DeepLearningPipelines.Nn.Execution;

/// <summary>
/// Assigns intermediate values to shared buffers ("slots") by liveness: a value's slot is released after the
/// last step that reads it and reused, best fit, by later values.
/// </summary>
internal sealed class MemoryPlan
{
    /// <summary>Slot index of each value id, or −1 for values that live outside the plan (inputs, constants, returned outputs).</summary>
    public int[] SlotOf { get; }

    /// <summary>Size in floats of each slot.</summary>
    public List<int> SlotSizes { get; } = [];

    /// <param name="valueSizes">Element count of every value id.</param>
    /// <param name="planned">Whether each value id gets a slot.</param>
    /// <param name="steps">For each step in execution order, the value ids it reads and writes (−1 = absent).</param>
    public MemoryPlan(int[] valueSizes, bool[] planned, IReadOnlyList<(int[] Inputs, int[] Outputs)> steps)
    {
        SlotOf = Enumerable.Repeat(-1, valueSizes.Length).ToArray();
        var lastUse = Enumerable.Repeat(-1, valueSizes.Length).ToArray();
        for (int s = 0; s < steps.Count; s++)
            foreach (int v in steps[s].Inputs) if (v >= 0) lastUse[v] = s;

        var free = new List<int>();
        for (int s = 0; s < steps.Count; s++)
        {
            foreach (int v in steps[s].Outputs)
            {
                if (v < 0 || !planned[v]) continue;
                SlotOf[v] = Acquire(free, valueSizes[v]);
                if (lastUse[v] < 0) free.Add(SlotOf[v]);
            }
            foreach (int v in steps[s].Inputs.Distinct())
                if (v >= 0 && planned[v] && lastUse[v] == s) free.Add(SlotOf[v]);
        }
    }

    private int Acquire(List<int> free, int size)
    {
        int best = -1;
        foreach (int slot in free)
            if (SlotSizes[slot] >= size && (best < 0 || SlotSizes[slot] < SlotSizes[best])) best = slot;
        if (best < 0 && free.Count > 0)
        {
            best = free.MaxBy(slot => SlotSizes[slot]);
            SlotSizes[best] = size;
        }
        if (best >= 0)
        {
            free.Remove(best);
            return best;
        }
        SlotSizes.Add(size);
        return SlotSizes.Count - 1;
    }
}
