using Apache.Arrow;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.Expressions;

/// <summary>The aggregate functions of <c>GroupBy(...).Agg(...)</c>.</summary>
internal enum AggregateKind { Count, Sum, Avg, Min, Max, StddevSamp, StddevPop, VarSamp, VarPop, CountDistinct, SumDistinct, CollectList, CollectSet, First, Last }

/// <summary>
/// An aggregate over a group; evaluated by the aggregation plan, never row by row. <c>first</c> and <c>last</c>
/// skip null values when ignoreNulls is set.
/// </summary>
internal sealed class AggregateExpr(AggregateKind kind, Expr? child, bool ignoreNulls = false) : Expr
{
    public AggregateKind Kind { get; } = kind;

    /// <summary>The aggregated expression; null for <c>count(*)</c>.</summary>
    public Expr? Child { get; } = child;

    /// <summary>Whether <c>first</c>/<c>last</c> skip nulls.</summary>
    public bool IgnoreNulls { get; } = ignoreNulls;

    /// <summary>Whether the aggregate is one of the variance family (count, mean and M2 state).</summary>
    public bool IsMoment => Kind is AggregateKind.StddevSamp or AggregateKind.StddevPop or AggregateKind.VarSamp or AggregateKind.VarPop;

    /// <summary>Whether the aggregate keeps the values it saw (an array state).</summary>
    public bool IsCollecting => Kind is AggregateKind.CountDistinct or AggregateKind.SumDistinct or AggregateKind.CollectList or AggregateKind.CollectSet;

    public override string Name => Kind switch
    {
        AggregateKind.CountDistinct => $"count(DISTINCT {Child!.Name})",
        AggregateKind.SumDistinct => $"sum(DISTINCT {Child!.Name})",
        AggregateKind.First or AggregateKind.Last when IgnoreNulls => $"{SqlName}({Child!.Name}, true)",
        _ => $"{SqlName}({Child?.Name ?? "1"})",
    };

    private string SqlName => Kind switch
    {
        AggregateKind.StddevSamp => "stddev_samp",
        AggregateKind.StddevPop => "stddev_pop",
        AggregateKind.VarSamp => "var_samp",
        AggregateKind.VarPop => "var_pop",
        AggregateKind.CollectList => "collect_list",
        AggregateKind.CollectSet => "collect_set",
        _ => Kind.ToString().ToLowerInvariant(),
    };

    public override IEnumerable<Expr> Children => Child is null ? [] : [Child];

    /// <summary>The column that holds this aggregate's value when it is part of a larger expression in <c>Agg(...)</c>.</summary>
    public string ResultColumn => $"__{Name}";

    public override DataType ResolveType(StructType schema)
    {
        if (schema.Contains(ResultColumn)) return schema[ResultColumn].DataType;
        if (Child is null) return DataTypes.Long;
        var t = Child.ResolveType(schema);
        bool numeric = t.IsNumeric || t == DataTypes.Boolean;
        return Kind switch
        {
            AggregateKind.Count or AggregateKind.CountDistinct => DataTypes.Long,
            AggregateKind.Min or AggregateKind.Max or AggregateKind.First or AggregateKind.Last => t,
            AggregateKind.CollectList or AggregateKind.CollectSet => DataTypes.ArrayOf(t),
            AggregateKind.Avg when numeric => DataTypes.Double,
            _ when IsMoment && numeric => DataTypes.Double,
            AggregateKind.Sum or AggregateKind.SumDistinct when numeric => t == DataTypes.Integer || t == DataTypes.Long ? DataTypes.Long : DataTypes.Double,
            _ => throw new SchemaException($"Cannot compute {SqlName} of column '{Child.Name}' of type {t.SimpleString}; a numeric type is required."),
        };
    }

    /// <summary>Reads the computed value from <see cref="ResultColumn"/>; nothing else can evaluate an aggregate.</summary>
    public override Func<RowBatch, IArrowArray> Bind(StructType schema) => schema.Contains(ResultColumn)
        ? new ColumnRef(ResultColumn).Bind(schema)
        : throw new SchemaException($"Aggregate '{Name}' can only be used in Agg(...), not in Select, WithColumn or Filter.");
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
