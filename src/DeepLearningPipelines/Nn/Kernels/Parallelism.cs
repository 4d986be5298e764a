namespace DeepLearningPipelines.Nn.Kernels;

/// <summary>How many threads the kernels use; work below a kernel's threshold always runs on the calling thread.</summary>
internal static class Parallelism
{
    private static int _maxThreads = Environment.ProcessorCount;

    [ThreadStatic]
    private static int _runLimit;

    /// <summary>
    /// Upper bound on worker threads per kernel call (default: the processor count); inside <see cref="WithLimit"/>,
    /// at most that run's limit for kernels called on its thread.
    /// </summary>
    public static int MaxThreads
    {
        get => _runLimit > 0 ? Math.Min(_runLimit, _maxThreads) : _maxThreads;
        set => _maxThreads = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "At least one thread is required.");
    }

    /// <summary>Runs <paramref name="body"/> with kernels called on this thread using at most <paramref name="threads"/> threads (null: no limit).</summary>
    public static T WithLimit<T>(int? threads, Func<T> body)
    {
        if (threads is not { } limit) return body();
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1, nameof(threads));
        int saved = _runLimit;
        _runLimit = limit;
        try { return body(); }
        finally { _runLimit = saved; }
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
