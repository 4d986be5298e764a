using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames.Expressions;

namespace DeepLearningPipelines.Frames.Plans;

/// <summary>
/// The expressions of <c>Agg(...)</c> that wrap aggregates, evaluated over the aggregation's output, where each
/// aggregate reads its computed value (<see cref="AggregateExpr.ResultColumn"/>) and keys are plain columns.
/// </summary>
internal sealed class AggregateProjectionPlan : Plan
{
    private readonly Plan _child;
    private readonly Expr[] _exprs;

    public AggregateProjectionPlan(Plan child, Expr[] exprs)
    {
        _child = child;
        _exprs = exprs;
        Schema = new StructType(exprs.Select(e => new StructField(e.Name, e.ResolveType(child.Schema))));
    }

    public override StructType Schema { get; }
    public override int NumPartitions => _child.NumPartitions;
    public override IEnumerable<Plan> Inputs => [_child];
    public override string Describe() => $"Project [{string.Join(", ", _exprs.Select(e => e.Name))}]";

    public override IEnumerable<RowBatch> Execute(int partition, PlanContext context)
    {
        var evals = _exprs.Select(e => e.Bind(_child.Schema)).ToArray();
        foreach (var batch in _child.Execute(partition, context))
            yield return new RowBatch(Schema, evals.Select(f => f(batch)).ToArray(), batch.RowCount);
    }
}
