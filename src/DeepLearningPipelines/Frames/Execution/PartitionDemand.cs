using DeepLearningPipelines.Frames.Plans;

namespace DeepLearningPipelines.Frames.Execution;

/// <summary>
/// The exchanged partitions one process will read during an action: found by following <see cref="Plan.Reads"/>
/// from the partitions it runs down to each exchange, so an exchange sends every process only what it needs.
/// </summary>
internal sealed class PartitionDemand
{
    private readonly Dictionary<ExchangePlan, SortedSet<int>> _needed = new(ReferenceEqualityComparer.Instance);

    /// <summary>Adds what running <paramref name="partitions"/> of <paramref name="plan"/> reads.</summary>
    public void Add(Plan plan, IEnumerable<int> partitions)
    {
        var seen = new HashSet<(Plan, int)>();
        var pending = new Stack<(Plan Plan, int Partition)>(partitions.Select(p => (plan, p)));
        lock (_needed)
        {
            while (pending.TryPop(out var next))
            {
                if (!seen.Add(next)) continue;
                if (next.Plan is ExchangePlan exchange)
                {
                    if (!_needed.TryGetValue(exchange, out var set)) _needed[exchange] = set = [];
                    set.Add(next.Partition);
                    continue;
                }
                foreach (var read in next.Plan.Reads(next.Partition)) pending.Push(read);
            }
        }
    }

    /// <summary>The output partitions of <paramref name="exchange"/> this process reads, ascending.</summary>
    public int[] Of(ExchangePlan exchange)
    {
        lock (_needed) return _needed.TryGetValue(exchange, out var set) ? [.. set] : [];
    }
}
