using Apache.Arrow;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.Expressions;

/// <summary>
/// Spark's <c>&lt;=&gt;</c>: equality that is never null: true when both sides are null, false when only one is,
/// else <c>=</c>.
/// </summary>
internal sealed class NullSafeEqualExpr(Expr left, Expr right) : Expr
{
    private readonly Expr _rewritten = Functions.Coalesce(
        new Column(new ComparisonExpr("=", left, right)),
        new Column(new LogicalExpr("AND", new LogicalExpr("ISNULL", left, null), new LogicalExpr("ISNULL", right, null)))).Expr;

    public override string Name => $"({left.Name} <=> {right.Name})";
    public override IEnumerable<Expr> Children => [left, right];
    public override DataType ResolveType(StructType schema) => _rewritten.ResolveType(schema);
    public override Func<RowBatch, IArrowArray> Bind(StructType schema) => _rewritten.Bind(schema);
}
