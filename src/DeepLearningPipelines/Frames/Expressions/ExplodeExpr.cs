using Apache.Arrow;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.Expressions;

/// <summary>
/// <c>explode</c> / <c>explode_outer</c>: one output row per element of an array. A generator, not a row-wise
/// function: only valid at the top of a <c>Select</c> or <c>WithColumn</c>, which turn it into an explode plan.
/// </summary>
internal sealed class ExplodeExpr(Expr child, bool outer) : Expr
{
    public Expr Child { get; } = child;

    /// <summary>True for <c>explode_outer</c>: a null or empty array gives one row with a null element.</summary>
    public bool Outer { get; } = outer;

    public override string Name => "col";
    public override IEnumerable<Expr> Children => [Child];

    public override DataType ResolveType(StructType schema) => Child.ResolveType(schema) is ArrayType a
        ? a.ElementType
        : throw new SchemaException($"{(Outer ? "ExplodeOuter" : "Explode")}() needs an array column but '{MessageText.Escape(Child.Name)}' is {Child.ResolveType(schema).SimpleString}.");

    public override Func<RowBatch, IArrowArray> Bind(StructType schema) =>
        throw new SchemaException($"{(Outer ? "ExplodeOuter" : "Explode")}({Child.Name}) must be a whole column of Select or WithColumn, not part of an expression.");

    /// <summary>The generator at the top of <paramref name="e"/> (under aliases), or null.</summary>
    public static ExplodeExpr? At(Expr e) => e switch
    {
        ExplodeExpr x => x,
        AliasExpr a => At(a.Child),
        _ => null,
    };

    /// <summary>True when <paramref name="e"/> holds a generator anywhere.</summary>
    public static bool Within(Expr e) => e is ExplodeExpr || e.Children.Any(Within);
}
