using Apache.Arrow;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.Expressions;

/// <summary>The aggregate functions of <c>GroupBy(...).Agg(...)</c>.</summary>
internal enum AggregateKind { Count, Sum, Avg, Min, Max }

/// <summary>An aggregate over a group; evaluated by the aggregation plan, never row by row.</summary>
internal sealed class AggregateExpr(AggregateKind kind, Expr? child) : Expr
{
    public AggregateKind Kind { get; } = kind;

    /// <summary>The aggregated expression; null for <c>count(*)</c>.</summary>
    public Expr? Child { get; } = child;

    public override string Name => $"{Kind.ToString().ToLowerInvariant()}({Child?.Name ?? "1"})";
    public override IEnumerable<Expr> Children => Child is null ? [] : [Child];

    public override DataType ResolveType(StructType schema)
    {
        if (Child is null) return DataTypes.Long;
        var t = Child.ResolveType(schema);
        bool numeric = t.IsNumeric || t == DataTypes.Boolean;
        return Kind switch
        {
            AggregateKind.Count => DataTypes.Long,
            AggregateKind.Min or AggregateKind.Max => t,
            AggregateKind.Avg when numeric => DataTypes.Double,
            AggregateKind.Sum when numeric => t == DataTypes.Integer || t == DataTypes.Long ? DataTypes.Long : DataTypes.Double,
            _ => throw new SchemaException($"Cannot compute {Kind.ToString().ToLowerInvariant()} of column '{Child.Name}' of type {t.SimpleString}; a numeric type is required."),
        };
    }

    public override Func<RowBatch, IArrowArray> Bind(StructType schema) =>
        throw new SchemaException($"Aggregate '{Name}' can only be used in Agg(...), not in Select, WithColumn or Filter.");
}

/// <summary>
/// A sort key with direction and null placement; by default nulls come first when ascending and last when
/// descending, as in Spark.
/// </summary>
internal sealed class SortOrderExpr(Expr child, bool ascending, bool? nullsFirst = null) : Expr
{
    public Expr Child { get; } = child;
    public bool Ascending { get; } = ascending;
    public bool NullsFirst { get; } = nullsFirst ?? ascending;
    public override string Name => $"{Child.Name} {(Ascending ? "ASC" : "DESC")} NULLS {(NullsFirst ? "FIRST" : "LAST")}";
    public override IEnumerable<Expr> Children => [Child];
    public override DataType ResolveType(StructType schema) => Child.ResolveType(schema);
    public override Func<RowBatch, IArrowArray> Bind(StructType schema) => Child.Bind(schema);
}
