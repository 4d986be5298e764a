using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.Plans;

/// <summary>
/// Spark's <c>coalesce(n)</c>: fewer partitions without a shuffle; output partition <c>i</c> streams a contiguous
/// run of the child's partitions, in order.
/// </summary>
internal sealed class CoalescePlan(Plan child, int partitions) : Plan
{
    public override StructType Schema => child.Schema;
    public override int NumPartitions { get; } = Math.Min(partitions, child.NumPartitions);
    public override IEnumerable<Plan> Inputs => [child];
    public override string Describe() => $"Coalesce {NumPartitions}";

    public override IEnumerable<(Plan Input, int Partition)> Reads(int partition) => ChildPartitions(partition).Select(p => (child, p));

    public override IEnumerable<RowBatch> Execute(int partition, PlanContext context)
    {
        foreach (int p in ChildPartitions(partition))
            foreach (var b in child.Execute(p, context)) yield return b;
    }

    /// <summary>The contiguous run of child partitions that output partition <paramref name="partition"/> streams.</summary>
    private IEnumerable<int> ChildPartitions(int partition)
    {
        int total = child.NumPartitions;
        int from = (int)((long)partition * total / NumPartitions), to = (int)((long)(partition + 1) * total / NumPartitions);
        return Enumerable.Range(from, to - from);
    }
}
