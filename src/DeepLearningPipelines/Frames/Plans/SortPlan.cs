using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames.Expressions;

namespace DeepLearningPipelines.Frames.Plans;

/// <summary><c>OrderBy</c>: a stable global sort; the output keeps the input's partition count, in key ranges, and rows keep their identities.</summary>
internal sealed class SortPlan : MaterializedPlan
{
    private readonly SortOrderExpr[] _orders;

    public SortPlan(Plan child, SortOrderExpr[] orders) : base(child)
    {
        foreach (var o in orders) o.ResolveType(child.Schema);
        _orders = orders;
    }

    public override int NumPartitions => Child.NumPartitions;
    public override string Describe() => $"Sort [{string.Join(", ", _orders.Select(o => o.Name))}]";

    protected override List<RowBatch>[] Arrange(List<RowBatch>[] input, PlanContext context)
    {
        var evals = _orders.Select(o => o.Bind(Child.Schema)).ToArray();
        var keyed = new List<(object?[] Keys, object?[] Row, ulong Identity)>();
        foreach (var b in input.SelectMany(p => p))
        {
            var keys = evals.Select(e => e(b)).ToArray();
            var identities = RowIdentity.Of(b);
            for (int r = 0; r < b.RowCount; r++)
                keyed.Add((keys.Select(k => k[r]).ToArray(), b.RowValues(r), identities[r]));
        }
        var sorted = keyed.Select((x, i) => (x.Keys, x.Row, x.Identity, Index: i)).ToList();
        sorted.Sort((a, b) =>
        {
            for (int k = 0; k < _orders.Length; k++)
            {
                int c = Compare(_orders[k], a.Keys[k], b.Keys[k]);
                if (c != 0) return c;
            }
            return a.Index.CompareTo(b.Index);
        });
        return Chunk(Schema, sorted.Select(s => s.Row).ToList(), sorted.Select(s => s.Identity).ToList(), Math.Max(1, Child.NumPartitions), context.BatchSize);
    }

    /// <summary>Orders two keys: nulls where the order puts them, other values by direction.</summary>
    private static int Compare(SortOrderExpr order, object? x, object? y)
    {
        if (x is null || y is null)
            return x is null && y is null ? 0 : (x is null) == order.NullsFirst ? -1 : 1;
        int c = ValueComparer.Instance.Compare(x, y);
        return order.Ascending ? c : -c;
    }
}
