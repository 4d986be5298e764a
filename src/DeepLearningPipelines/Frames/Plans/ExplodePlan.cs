using DeepLearningPipelines.Frames.Arrow;
using System.Collections;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames.Expressions;

namespace DeepLearningPipelines.Frames.Plans;

/// <summary>
/// A projection with one generator column (<c>Explode</c>): each input row becomes one output row per element of
/// the generator's array, the other columns repeated; null and empty arrays give no row, or one null row when outer.
/// </summary>
internal sealed class ExplodePlan : Plan
{
    private readonly Plan _child;
    private readonly Expr[] _exprs;
    private readonly int _generator;

    public ExplodePlan(Plan child, Expr[] exprs)
    {
        foreach (var e in exprs)
            if (ExplodeExpr.At(e) is not ExplodeExpr top ? ExplodeExpr.Within(e) : ExplodeExpr.Within(top.Child))
                throw new SchemaException($"Explode must be a whole column of Select or WithColumn, not part of the expression '{e.Name}'.");
        var generators = exprs.Select((e, i) => (Gen: ExplodeExpr.At(e), i)).Where(x => x.Gen is not null).ToArray();
        if (generators.Length != 1)
            throw new SchemaException($"A Select may hold one Explode column but has {generators.Length}: [{string.Join(", ", exprs.Select(e => e.Name))}].");
        _child = child;
        _exprs = exprs;
        _generator = generators[0].i;
        Schema = new StructType(exprs.Select(e => new StructField(e.Name, e.ResolveType(child.Schema), true)));
    }

    public override StructType Schema { get; }
    public override int NumPartitions => _child.NumPartitions;
    public override IEnumerable<Plan> Inputs => [_child];
    public override string Describe() => $"Generate [{string.Join(", ", _exprs.Select(e => e.Name))}]";

    protected override bool PartitionWise => true;

    public override IEnumerable<RowBatch> Execute(int partition, PlanContext context)
    {
        var gen = ExplodeExpr.At(_exprs[_generator])!;
        var evals = _exprs.Select((e, i) => i == _generator ? gen.Child.BindBoxed(_child.Schema) : e.BindBoxed(_child.Schema)).ToArray();
        foreach (var batch in _child.Execute(partition, context))
        {
            var inputs = evals.Select(f => f(batch)).ToArray();
            var columns = _exprs.Select(_ => new List<object?>(batch.RowCount)).ToArray();
            for (int r = 0; r < batch.RowCount; r++)
            {
                var elements = inputs[_generator][r] is IEnumerable items ? items.Cast<object?>().ToList() : [];
                if (elements.Count == 0 && gen.Outer) elements.Add(null);
                foreach (var element in elements)
                    for (int c = 0; c < columns.Length; c++)
                        columns[c].Add(c == _generator ? element : inputs[c][r]);
            }
            if (columns.Length > 0 && columns[0].Count > 0)
                yield return new RowBatch(Schema, columns.Select((c, i) => ColumnBuilder.Build(Schema[i].DataType, Schema[i].Name, c)).ToArray(), columns[0].Count);
        }
    }
}
