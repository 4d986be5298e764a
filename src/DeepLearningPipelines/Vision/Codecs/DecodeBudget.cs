namespace DeepLearningPipelines.Vision.Codecs;

/// <summary>
/// A process-wide cap on the working memory of concurrent image decodes. A decode reserves its estimated buffer bytes
/// before allocating and waits while other decodes hold the budget, so a folder of huge images decodes a few at a time
/// instead of one per core. A decode larger than the whole budget still runs, alone. Decodes below
/// <see cref="UntrackedBytes"/> never wait.
/// </summary>
internal sealed class DecodeBudget(long capacity)
{
    /// <summary>Reservations smaller than this (16 MiB: ordinary photos) pass without touching the budget.</summary>
    public const long UntrackedBytes = 16L << 20;

    private readonly object _gate = new();
    private long _inUse;

    /// <summary>The budget every decoder uses: a quarter of the memory available to the GC, at least 1 GiB.</summary>
    public static DecodeBudget Shared { get; } = new(Math.Max(1L << 30, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4));

    /// <summary>Bytes the budget allows at once.</summary>
    public long Capacity { get; } = capacity;

    /// <summary>Bytes reserved now.</summary>
    public long InUse
    {
        get { lock (_gate) return _inUse; }
    }

    /// <summary>Waits until <paramref name="bytes"/> fit (or nothing else is reserved), then holds them until disposed.</summary>
    public Reservation Reserve(long bytes)
    {
        if (bytes < UntrackedBytes) return default;
        lock (_gate)
        {
            while (_inUse > 0 && _inUse + bytes > Capacity) Monitor.Wait(_gate);
            _inUse += bytes;
        }
        return new Reservation(this, bytes);
    }

    private void Release(long bytes)
    {
        lock (_gate)
        {
            _inUse -= bytes;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Bytes held in a <see cref="DecodeBudget"/>; disposing returns them.</summary>
    public readonly struct Reservation(DecodeBudget? budget, long bytes) : IDisposable
    {
        public void Dispose() => budget?.Release(bytes);
    }
}
