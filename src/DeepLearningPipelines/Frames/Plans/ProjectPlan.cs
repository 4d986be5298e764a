using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames.Expressions;

namespace DeepLearningPipelines.Frames.Plans;

/// <summary>Computes a list of expressions per batch (Select, WithColumn, Drop, renames, expressions over aggregates).</summary>
internal sealed class ProjectPlan : Plan
{
    private readonly Plan _child;
    private readonly Expr[] _exprs;

    public ProjectPlan(Plan child, Expr[] exprs) : this(child, exprs, overAggregates: false) { }

    private ProjectPlan(Plan child, Expr[] exprs, bool overAggregates)
    {
        if (!overAggregates)
            foreach (var e in exprs)
                if (e.ContainsAggregate)
                    throw new SchemaException($"Aggregate '{e.Name}' is not allowed here; use GroupBy(...).Agg(...) or Agg(...).");
        _child = child;
        _exprs = exprs;
        Schema = new StructType(exprs.Select(e => new StructField(e.Name, e.ResolveType(child.Schema), true) { Note = NoteOf(e, child.Schema) }));
    }

    /// <summary>
    /// The expressions of <c>Agg(...)</c> that wrap aggregates, evaluated over the aggregation's output, where each
    /// aggregate reads its computed value (<see cref="AggregateExpr.ResultColumn"/>) and keys are plain columns.
    /// </summary>
    public static ProjectPlan OverAggregates(Plan aggregated, Expr[] exprs) => new(aggregated, exprs, overAggregates: true);

    public override StructType Schema { get; }
    public override int NumPartitions => _child.NumPartitions;
    public override IEnumerable<Plan> Inputs => [_child];
    public override string Describe() => $"Project [{string.Join(", ", _exprs.Select(e => e.Name))}]";

    protected override bool PartitionWise => true;

    public override IEnumerable<RowBatch> Execute(int partition, PlanContext context)
    {
        var evals = _exprs.Select(e => e.Bind(_child.Schema)).ToArray();
        foreach (var batch in _child.Execute(partition, context))
            yield return new RowBatch(Schema, evals.Select(f => f(batch)).ToArray(), batch.RowCount) { Origins = batch.Origins };
    }

    /// <summary>A plain column reference (renamed or not) keeps the note on its input field.</summary>
    private static string? NoteOf(Expr e, StructType input) => e switch
    {
        ColumnRef r => input[r.Column].Note,
        AliasExpr a => NoteOf(a.Child, input),
        _ => null,
    };
}
