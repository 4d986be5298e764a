using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames.Expressions;
using DeepLearningPipelines.Frames.Joins;

namespace DeepLearningPipelines.Frames.Plans;

/// <summary>
/// <c>Intersect</c>, <c>Except</c> and their <c>All</c> forms: both inputs are hash-partitioned on every column; in
/// each bucket the right rows are counted and held, and the left rows stream against the counts. Without
/// <c>All</c> the result is distinct (SQL's INTERSECT / EXCEPT); with it, multiplicities follow SQL's INTERSECT ALL
/// (the lesser count) and EXCEPT ALL (the left count minus the right one). Nulls equal nulls.
/// </summary>
internal sealed class SetOperationPlan : Plan
{
    private readonly ExchangePlan _left, _right;
    private readonly bool _intersect, _all;

    public SetOperationPlan(Plan left, Plan right, bool intersect, bool all)
    {
        _intersect = intersect;
        _all = all;
        Schema = SetOperationSchema.Common(left.Schema, right.Schema, Name);
        int buckets = Math.Max(left.NumPartitions, right.NumPartitions);
        _left = Partition(SetOperationSchema.Conform(left, Schema), buckets);
        _right = Partition(SetOperationSchema.Conform(right, Schema), buckets);
    }

    private string Name => (_intersect ? "Intersect" : "Except") + (_all ? "All" : "");

    private static ExchangePlan Partition(Plan plan, int buckets) =>
        ExchangePlan.Hash(plan, plan.Schema.Fields.Select((f, i) => (Expr)new OrdinalRef(i, f.Name)).ToArray(), buckets);

    public override StructType Schema { get; }
    public override int NumPartitions => _left.NumPartitions;
    public override IEnumerable<Plan> Inputs => [_left, _right];
    public override string Describe() => Name;

    protected override bool PartitionWise => true;

    public override IEnumerable<RowBatch> Execute(int partition, PlanContext context)
    {
        var rightCounts = new Dictionary<KeyTuple, int>();
        foreach (var batch in _right.Execute(partition, context))
            for (int r = 0; r < batch.RowCount; r++)
            {
                var key = new KeyTuple(batch.RowValues(r));
                rightCounts[key] = rightCounts.GetValueOrDefault(key) + 1;
            }
        var emitted = new HashSet<KeyTuple>();
        foreach (var batch in _left.Execute(partition, context))
        {
            var keep = new List<int>();
            for (int r = 0; r < batch.RowCount; r++)
                if (Keep(new KeyTuple(batch.RowValues(r)), rightCounts, emitted)) keep.Add(r);
            if (keep.Count > 0) yield return (keep.Count == batch.RowCount ? batch : batch.Take(keep)).WithSchema(Schema);
        }
    }

    private bool Keep(KeyTuple row, Dictionary<KeyTuple, int> rightCounts, HashSet<KeyTuple> emitted)
    {
        int inRight = rightCounts.GetValueOrDefault(row);
        if (!_all) return (inRight > 0) == _intersect && emitted.Add(row);
        if (inRight > 0) rightCounts[row] = inRight - 1;
        return (inRight > 0) == _intersect;
    }
}
