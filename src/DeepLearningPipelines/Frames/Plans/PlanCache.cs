using System.Collections.Concurrent;

namespace DeepLearningPipelines.Frames.Plans;

/// <summary>
/// A session's persisted plans (<c>Cache</c>/<c>Persist</c>), keyed by plan: each is computed by the first action
/// that needs it and kept until <see cref="Unpersist"/> or the session is disposed.
/// </summary>
internal sealed class PlanCache : IDisposable
{
    private readonly ConcurrentDictionary<Plan, Entry> _entries = new(ReferenceEqualityComparer.Instance);

    /// <summary>Marks <paramref name="plan"/> to be kept after its first computation.</summary>
    public void Persist(Plan plan) => _entries.TryAdd(plan, new Entry());

    /// <summary>Frees the partitions of <paramref name="plan"/>; later actions recompute it.</summary>
    public void Unpersist(Plan plan) => _entries.TryRemove(plan, out _);

    /// <summary>The partitions of a persisted plan (computed now if needed), or null when it is not persisted.</summary>
    public IReadOnlyList<RowBatch>[]? Partitions(Plan plan, PlanContext context)
    {
        if (!_entries.TryGetValue(plan, out var entry)) return null;
        lock (entry)
        {
            return entry.Partitions ??= context.Executor.Run(plan, context, (_, batches) => (IReadOnlyList<RowBatch>)batches.ToList());
        }
    }

    public void Dispose() => _entries.Clear();

    private sealed class Entry
    {
        public IReadOnlyList<RowBatch>[]? Partitions;
    }
}
