using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Ml.Solvers;

/// <summary>
/// Splits [0, count) into a fixed number of contiguous slices processed in parallel, each writing to its own accumulator.
/// The slicing depends only on the count, so reductions summed in slice order are reproducible on any machine.
/// </summary>
internal sealed class ParallelSlices
{
    private readonly int[] _bounds;

    public ParallelSlices(int count, int minimumSliceSize, int maximumSlices = 16)
    {
        int slices = Math.Clamp(count / Math.Max(1, minimumSliceSize), 1, maximumSlices);
        _bounds = new int[slices + 1];
        for (int s = 0; s <= slices; s++) _bounds[s] = (int)((long)count * s / slices);
    }

    public int Count => _bounds.Length - 1;

    /// <summary>Runs body(slice, start, end) for every slice, in parallel.</summary>
    public void Run(Action<int, int, int> body) =>
        ParallelLoops.For(Count, s => body(s, _bounds[s], _bounds[s + 1]));
}
