using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames.Expressions;
using DeepLearningPipelines.Frames.Joins;

namespace DeepLearningPipelines.Frames.Plans;

/// <summary>
/// <c>Distinct()</c> and <c>DropDuplicates(columns)</c>: rows are hash-partitioned on the key columns, then each
/// bucket keeps the first row of every key (in input order); nulls equal nulls.
/// </summary>
internal sealed class DistinctPlan : Plan
{
    private readonly ExchangePlan _exchange;
    private readonly int[] _keys;
    private readonly string _description;

    /// <summary>De-duplicates on the columns at <paramref name="keys"/> (all of them for <c>Distinct()</c>).</summary>
    public DistinctPlan(Plan child, int[] keys, string description)
    {
        _keys = keys;
        _description = description;
        _exchange = ExchangePlan.Hash(child, keys.Select(k => (Expr)new OrdinalRef(k, child.Schema[k].Name)).ToArray(), child.NumPartitions);
    }

    public override StructType Schema => _exchange.Schema;
    public override int NumPartitions => _exchange.NumPartitions;
    public override IEnumerable<Plan> Inputs => [_exchange];
    public override string Describe() => _description;

    protected override bool PartitionWise => true;

    public override IEnumerable<RowBatch> Execute(int partition, PlanContext context)
    {
        var seen = new HashSet<KeyTuple>();
        foreach (var batch in _exchange.Execute(partition, context))
        {
            var keyColumns = _keys.Select(batch.ColumnValues).ToArray();
            var keep = new List<int>();
            for (int r = 0; r < batch.RowCount; r++)
                if (seen.Add(KeyTuple.At(keyColumns, r))) keep.Add(r);
            if (keep.Count > 0) yield return keep.Count == batch.RowCount ? batch : batch.Take(keep);
        }
    }
}
