using Apache.Arrow;
using DeepLearningPipelines.Frames.Arrow;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames.Expressions;

namespace DeepLearningPipelines.Frames.Joins;

/// <summary>An expression over one join side whose names resolve through that side's <see cref="JoinScope"/> (so <c>alias.column</c> works).</summary>
internal sealed class ScopedExpr(Expr inner, JoinScope scope) : Expr
{
    public override string Name => inner.Name;
    public override IEnumerable<Expr> Children => [inner];
    public override DataType ResolveType(StructType schema) => inner.ResolveType(scope.View);

    public override Func<RowBatch, IArrowArray> Bind(StructType schema)
    {
        var eval = inner.Bind(scope.View);
        return b => eval(scope.Present(b.Columns, b.RowCount));
    }
}
