using System.Collections.Concurrent;

namespace DeepLearningPipelines.Nn.Execution;

/// <summary>
/// Idle execution plans by key (input shapes and requested values). A run takes an idle plan of its key or compiles a
/// new one, and gives it back afterwards, so several runs can be in flight at once, each on its own buffers. At most
/// <see cref="MaxIdlePerKey"/> idle plans are kept per key and at most <see cref="MaxKeys"/> keys; extra plans are disposed.
/// </summary>
internal sealed class PlanPool : IDisposable
{
    public const int MaxIdlePerKey = 4;
    public const int MaxKeys = 4;
    private readonly ConcurrentDictionary<string, ConcurrentBag<ExecutionPlan>> _idle = new(StringComparer.Ordinal);
    private volatile bool _disposed;

    /// <summary>Runs <paramref name="run"/> on an idle plan of <paramref name="key"/>, compiling one with <paramref name="compile"/> when none is idle.</summary>
    public T Use<T>(string key, Func<ExecutionPlan> compile, Func<ExecutionPlan, T> run)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var plan = _idle.TryGetValue(key, out var bag) && bag.TryTake(out var idle) ? idle : compile();
        try { return run(plan); }
        finally { Return(key, plan); }
    }

    private void Return(string key, ExecutionPlan plan)
    {
        if (!_idle.ContainsKey(key) && _idle.Count >= MaxKeys) DropAll();
        var bag = _idle.GetOrAdd(key, _ => []);
        if (_disposed || bag.Count >= MaxIdlePerKey) plan.Dispose();
        else bag.Add(plan);
    }

    private void DropAll()
    {
        foreach (var key in _idle.Keys)
            if (_idle.TryRemove(key, out var bag))
                while (bag.TryTake(out var plan)) plan.Dispose();
    }

    /// <summary>Disposes the idle plans; plans still running are disposed when they come back.</summary>
    public void Dispose()
    {
        _disposed = true;
        DropAll();
    }
}
