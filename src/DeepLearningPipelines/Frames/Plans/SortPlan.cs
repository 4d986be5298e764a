using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames.Execution;
using DeepLearningPipelines.Frames.Expressions;

namespace DeepLearningPipelines.Frames.Plans;

/// <summary>
/// A stable sort of each partition by the given orders. Over a range exchange on the same orders (what
/// <c>OrderBy</c> builds with <see cref="OrderBy"/>) the partitions, read in order, are globally sorted.
/// </summary>
internal sealed class SortPlan : Plan
{
    private readonly Plan _child;
    private readonly SortOrderExpr[] _orders;

    private SortPlan(Plan child, SortOrderExpr[] orders)
    {
        _child = child;
        _orders = orders;
    }

    /// <summary><c>OrderBy</c>: a range exchange into the child's partition count, then a sort within each partition.</summary>
    public static SortPlan OrderBy(Plan child, SortOrderExpr[] orders)
    {
        foreach (var o in orders) o.ResolveType(child.Schema);
        return new SortPlan(new ExchangePlan(child, new RangePartitioning(orders, Math.Max(1, child.NumPartitions))), orders);
    }

    public override StructType Schema => _child.Schema;
    public override int NumPartitions => _child.NumPartitions;
    public override IEnumerable<Plan> Inputs => [_child];
    public override string Describe() => $"Sort [{string.Join(", ", _orders.Select(o => o.Name))}]";

    protected override bool PartitionWise => true;

    public override IEnumerable<RowBatch> Execute(int partition, PlanContext context)
    {
        var batches = _child.Execute(partition, context).Where(b => b.RowCount > 0).ToList();
        if (batches.Count == 0) yield break;
        var all = RowBatch.Concat(batches);
        var keys = _orders.Select(o => o.BindBoxed(Schema)(all)).ToArray();
        var comparer = new SortKeyComparer(_orders);
        var order = Enumerable.Range(0, all.RowCount).ToArray();
        var x = new object?[keys.Length];
        var y = new object?[keys.Length];
        System.Array.Sort(order, (a, b) =>
        {
            for (int k = 0; k < keys.Length; k++) (x[k], y[k]) = (keys[k][a], keys[k][b]);
            int c = comparer.Compare(x, y);
            return c != 0 ? c : a.CompareTo(b);
        });
        for (int s = 0; s < order.Length; s += context.BatchSize)
            yield return all.Take(new ArraySegment<int>(order, s, Math.Min(context.BatchSize, order.Length - s)));
    }
}
