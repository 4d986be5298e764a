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

    public override IEnumerable<RowBatch> Execute(int partition, PlanContext context)
    {
        var evals = _orders.Select(o => o.BindBoxed(Schema)).ToArray();
        var rows = new List<(object?[] Key, object?[] Row, ulong Identity)>();
        foreach (var b in _child.Execute(partition, context))
        {
            var keys = evals.Select(e => e(b)).ToArray();
            var identities = RowIdentity.Of(b);
            for (int r = 0; r < b.RowCount; r++) rows.Add((keys.Select(k => k[r]).ToArray(), b.RowValues(r), identities[r]));
        }
        var comparer = new SortKeyComparer(_orders);
        var sorted = rows.Select((x, i) => (x.Key, x.Row, x.Identity, Index: i)).ToList();
        sorted.Sort((a, b) => comparer.Compare(a.Key, b.Key) is var c && c != 0 ? c : a.Index.CompareTo(b.Index));
        for (int s = 0; s < sorted.Count; s += context.BatchSize)
        {
            var slice = sorted.GetRange(s, Math.Min(context.BatchSize, sorted.Count - s));
            yield return RowBatch.FromRows(Schema, slice.Select(x => x.Row).ToList()).WithOrigins(RowOrigins.OfKeys(slice.Select(x => x.Identity).ToArray()));
        }
    }
}
