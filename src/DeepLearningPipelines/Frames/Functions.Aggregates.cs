using DeepLearningPipelines.Frames.Expressions;

namespace DeepLearningPipelines.Frames;

/// <summary>Aggregate functions, for <c>Agg(...)</c>; all ignore nulls unless stated.</summary>
public static partial class Functions
{
    /// <summary>The number of non-null values; <c>Count("*")</c> counts rows.</summary>
    public static Column Count(string column) => column == "*" ? new(new AggregateExpr(AggregateKind.Count, null)) : Count(Col(column));
    /// <inheritdoc cref="Count(string)"/>
    public static Column Count(Column column) => Aggregate(AggregateKind.Count, column);
    public static Column Sum(string column) => Sum(Col(column));
    public static Column Sum(Column column) => Aggregate(AggregateKind.Sum, column);
    public static Column Avg(string column) => Avg(Col(column));
    public static Column Avg(Column column) => Aggregate(AggregateKind.Avg, column);
    public static Column Mean(string column) => Avg(column);
    public static Column Mean(Column column) => Avg(column);
    public static Column Min(string column) => Min(Col(column));
    public static Column Min(Column column) => Aggregate(AggregateKind.Min, column);
    public static Column Max(string column) => Max(Col(column));
    public static Column Max(Column column) => Aggregate(AggregateKind.Max, column);

    /// <summary>The number of distinct non-null values (Spark's <c>countDistinct</c>).</summary>
    public static Column CountDistinct(string column) => CountDistinct(Col(column));
    /// <inheritdoc cref="CountDistinct(string)"/>
    public static Column CountDistinct(Column column) => Aggregate(AggregateKind.CountDistinct, column);

    /// <summary>The number of distinct combinations of the columns' values, over rows where none is null (Spark's <c>countDistinct(a, b, …)</c>).</summary>
    public static Column CountDistinct(string column, params string[] more) => CountDistinct(Col(column), more.Select(Col).ToArray());

    /// <inheritdoc cref="CountDistinct(string, string[])"/>
    public static Column CountDistinct(Column column, params Column[] more)
    {
        if (more.Length == 0) return CountDistinct(column);
        Column[] all = [column, .. more];
        var noneNull = all.Skip(1).Aggregate(all[0].IsNotNull(), (c, next) => c.And(next.IsNotNull()));
        return Aggregate(AggregateKind.CountDistinct, When(noneNull, Struct(all)))
            .Alias($"count(DISTINCT {string.Join(", ", all.Select(c => c.Name))})");
    }

    /// <summary>The sum of the distinct non-null values (Spark's <c>sum_distinct</c>); typed as <see cref="Sum(string)"/>.</summary>
    public static Column SumDistinct(string column) => SumDistinct(Col(column));
    /// <inheritdoc cref="SumDistinct(string)"/>
    public static Column SumDistinct(Column column) => Aggregate(AggregateKind.SumDistinct, column);

    /// <summary>The sample standard deviation; null for fewer than two values, as in Spark 3.1+.</summary>
    public static Column StddevSamp(string column) => StddevSamp(Col(column));
    /// <inheritdoc cref="StddevSamp(string)"/>
    public static Column StddevSamp(Column column) => Aggregate(AggregateKind.StddevSamp, column);
    /// <summary>Alias of <see cref="StddevSamp(string)"/>.</summary>
    public static Column Stddev(string column) => StddevSamp(column);
    /// <inheritdoc cref="Stddev(string)"/>
    public static Column Stddev(Column column) => StddevSamp(column);
    /// <summary>The population standard deviation.</summary>
    public static Column StddevPop(string column) => StddevPop(Col(column));
    /// <inheritdoc cref="StddevPop(string)"/>
    public static Column StddevPop(Column column) => Aggregate(AggregateKind.StddevPop, column);

    /// <summary>The sample variance; null for fewer than two values, as in Spark 3.1+.</summary>
    public static Column VarSamp(string column) => VarSamp(Col(column));
    /// <inheritdoc cref="VarSamp(string)"/>
    public static Column VarSamp(Column column) => Aggregate(AggregateKind.VarSamp, column);
    /// <summary>Alias of <see cref="VarSamp(string)"/>.</summary>
    public static Column Variance(string column) => VarSamp(column);
    /// <inheritdoc cref="Variance(string)"/>
    public static Column Variance(Column column) => VarSamp(column);
    /// <summary>The population variance.</summary>
    public static Column VarPop(string column) => VarPop(Col(column));
    /// <inheritdoc cref="VarPop(string)"/>
    public static Column VarPop(Column column) => Aggregate(AggregateKind.VarPop, column);

    /// <summary>The non-null values of the group, as an array (empty for none); their order follows the input's.</summary>
    public static Column CollectList(string column) => CollectList(Col(column));
    /// <inheritdoc cref="CollectList(string)"/>
    public static Column CollectList(Column column) => Aggregate(AggregateKind.CollectList, column);
    /// <summary>The distinct non-null values of the group, as an array (empty for none).</summary>
    public static Column CollectSet(string column) => CollectSet(Col(column));
    /// <inheritdoc cref="CollectSet(string)"/>
    public static Column CollectSet(Column column) => Aggregate(AggregateKind.CollectSet, column);

    /// <summary>
    /// The first value of the group (the first non-null one with <paramref name="ignoreNulls"/>). As in Spark, it
    /// depends on the order rows arrive in, which is fixed only within one partition.
    /// </summary>
    public static Column First(string column, bool ignoreNulls = false) => First(Col(column), ignoreNulls);
    /// <inheritdoc cref="First(string, bool)"/>
    public static Column First(Column column, bool ignoreNulls = false) => new(new AggregateExpr(AggregateKind.First, column.Expr, ignoreNulls));
    /// <summary>The last value of the group (the last non-null one with <paramref name="ignoreNulls"/>); order-dependent as <see cref="First(string, bool)"/>.</summary>
    public static Column Last(string column, bool ignoreNulls = false) => Last(Col(column), ignoreNulls);
    /// <inheritdoc cref="Last(string, bool)"/>
    public static Column Last(Column column, bool ignoreNulls = false) => new(new AggregateExpr(AggregateKind.Last, column.Expr, ignoreNulls));

    private static Column Aggregate(AggregateKind kind, Column column) => new(new AggregateExpr(kind, column.Expr));
}
