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

    /// <summary>
    /// Runs <paramref name="body"/>(first, last) over contiguous chunks of 0..count−1 on up to <see cref="MaxThreads"/>
    /// threads. There are a few chunks per thread, taken dynamically, so a thread that is descheduled (busy machine)
    /// does not hold the others up for long.
    /// </summary>
    public static void For(int count, Action<int, int> body)
    {
        int threads = MaxThreads;
        if (threads <= 1 || count <= 1)
        {
            if (count > 0) body(0, count);
            return;
        }
        int chunks = Math.Min(count, threads * 4);
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = threads },
            c => body((int)((long)count * c / chunks), (int)((long)count * (c + 1) / chunks)));
    }
}
