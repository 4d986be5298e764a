namespace DeepLearningPipelines.Nn.Kernels;

/// <summary>How many threads the kernels use; work below a kernel's threshold always runs on the calling thread.</summary>
internal static class Parallelism
{
    private static int _maxThreads = Environment.ProcessorCount;

    /// <summary>Upper bound on worker threads per kernel call (default: the processor count).</summary>
    public static int MaxThreads
    {
        get => _maxThreads;
        set => _maxThreads = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "At least one thread is required.");
    }

    /// <summary>Runs <paramref name="body"/> for 0..count−1, split into at most <see cref="MaxThreads"/> contiguous chunks.</summary>
    public static void For(int count, Action<int, int> body)
    {
        int chunks = Math.Min(count, MaxThreads);
        if (chunks <= 1)
        {
            if (count > 0) body(0, count);
            return;
        }
        Parallel.For(0, chunks, c => body((int)((long)count * c / chunks), (int)((long)count * (c + 1) / chunks)));
    }
}
