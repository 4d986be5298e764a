using Apache.Arrow;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames.Expressions;

namespace DeepLearningPipelines.Frames.Plans;

/// <summary>Keeps the rows for which a boolean expression (or a row predicate) is true.</summary>
internal sealed class FilterPlan : Plan
{
    private readonly Plan _child;
    private readonly Expr? _condition;
    private readonly Func<Row, bool>? _predicate;

    public FilterPlan(Plan child, Expr condition)
    {
        var t = condition.ResolveType(child.Schema);
        if (t != DataTypes.Boolean)
            throw new SchemaException($"Filter condition '{condition.Name}' must be boolean but is {t.SimpleString}.");
        if (condition.ContainsAggregate)
            throw new SchemaException($"Aggregate '{condition.Name}' is not allowed in Filter.");
        _child = child;
        _condition = condition;
    }

    public FilterPlan(Plan child, Func<Row, bool> predicate)
    {
        _child = child;
        _predicate = predicate;
    }

    public override StructType Schema => _child.Schema;
    public override int NumPartitions => _child.NumPartitions;
    public override IEnumerable<Plan> Inputs => [_child];
    public override string Describe() => $"Filter {_condition?.Name ?? "<row predicate>"}";

    protected override bool PartitionWise => true;

    public override IEnumerable<RowBatch> Execute(int partition, PlanContext context)
    {
        var eval = _condition?.Bind(_child.Schema);
        foreach (var batch in _child.Execute(partition, context))
        {
            var keep = new List<int>(batch.RowCount);
            if (eval is not null)
            {
                var flags = (BooleanArray)eval(batch);
                for (int i = 0; i < flags.Length; i++) if (flags.GetValue(i) == true) keep.Add(i);
            }
            else
            {
                for (int i = 0; i < batch.RowCount; i++) if (_predicate!(batch.GetRow(i))) keep.Add(i);
            }
            if (keep.Count == batch.RowCount) yield return batch;
            else if (keep.Count > 0) yield return batch.Take(keep);
        }
    }
}
