namespace DeepLearningPipelines.Nn.Execution;

/// <summary>
/// Assigns intermediate values to shared buffers ("slots") by liveness: a value's slot is released after the
/// last step that reads it and reused, best fit, by later values; a step that can work in place (a convolution
/// adding a residual) writes its output over that input's slot when nothing reads the input afterwards.
/// </summary>
internal sealed class MemoryPlan
{
    /// <summary>Slot index of each value id, or −1 for values that live outside the plan (inputs, constants, returned outputs).</summary>
    public int[] SlotOf { get; }

    /// <summary>Size in floats of each slot.</summary>
    public List<int> SlotSizes { get; } = [];

    /// <param name="valueSizes">Element count of every value id.</param>
    /// <param name="planned">Whether each value id gets a slot.</param>
    /// <param name="steps">
    /// For each step in execution order, the value ids it reads and writes (−1 = absent), and the position among its
    /// inputs of a value its first output may overwrite in place (−1 = none): that value takes over the input's slot
    /// when this step is the input's last reader, the input is read nowhere else in the step and its slot is large enough.
    /// </param>
    public MemoryPlan(int[] valueSizes, bool[] planned, IReadOnlyList<(int[] Inputs, int[] Outputs, int InPlaceInput)> steps)
    {
        SlotOf = Enumerable.Repeat(-1, valueSizes.Length).ToArray();
        var lastUse = Enumerable.Repeat(-1, valueSizes.Length).ToArray();
        for (int s = 0; s < steps.Count; s++)
            foreach (int v in steps[s].Inputs) if (v >= 0) lastUse[v] = s;

        var free = new List<int>();
        for (int s = 0; s < steps.Count; s++)
        {
            var (inputs, outputs, inPlace) = steps[s];
            int donor = InPlaceDonor(inputs, outputs, inPlace, s, lastUse, planned, valueSizes);
            for (int o = 0; o < outputs.Length; o++)
            {
                int v = outputs[o];
                if (v < 0 || !planned[v]) continue;
                SlotOf[v] = o == 0 && donor >= 0 ? SlotOf[donor] : Acquire(free, valueSizes[v]);
                if (lastUse[v] < 0) free.Add(SlotOf[v]);
            }
            foreach (int v in inputs.Distinct())
                if (v >= 0 && v != donor && planned[v] && lastUse[v] == s) free.Add(SlotOf[v]);
        }
    }

    /// <summary>The input whose slot step <paramref name="step"/>'s first output takes over, or −1.</summary>
    private int InPlaceDonor(int[] inputs, int[] outputs, int inPlace, int step, int[] lastUse, bool[] planned, int[] valueSizes)
    {
        if (inPlace < 0 || inPlace >= inputs.Length || outputs.Length == 0) return -1;
        int donor = inputs[inPlace], output = outputs[0];
        bool fits = donor >= 0 && output >= 0 && planned[donor] && planned[output] && lastUse[donor] == step
            && SlotSizes[SlotOf[donor]] >= valueSizes[output] && inputs.Count(v => v == donor) == 1;
        return fits ? donor : -1;
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
