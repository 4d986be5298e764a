using DeepLearningPipelines.Frames.Plans;

namespace DeepLearningPipelines.Frames;

/// <summary>The result of <c>GroupBy</c>: aggregate it with <see cref="Agg"/> or a shortcut.</summary>
public sealed class GroupedData
{
    private readonly DataFrame _frame;
    private readonly Column[] _keys;

    internal GroupedData(DataFrame frame, Column[] keys)
    {
        _frame = frame;
        _keys = keys;
    }

    /// <summary>One row per group: the keys, then one column per aggregate.</summary>
    public DataFrame Agg(params Column[] aggregates) =>
        new(_frame.Session, AggregatePlan.Create(_frame.Plan, _keys.Select(k => k.Expr).ToArray(), aggregates.Select(a => a.Expr).ToArray()), _frame.Metrics);

    /// <summary>The number of rows per group, in a column named <c>count</c>.</summary>
    public DataFrame Count() => Agg(Functions.Count("*").Alias("count"));

    public DataFrame Mean(params string[] columns) => Agg(columns.Select(Functions.Avg).ToArray());
    public DataFrame Avg(params string[] columns) => Mean(columns);
    public DataFrame Min(params string[] columns) => Agg(columns.Select(Functions.Min).ToArray());
    public DataFrame Max(params string[] columns) => Agg(columns.Select(Functions.Max).ToArray());
    public DataFrame Sum(params string[] columns) => Agg(columns.Select(Functions.Sum).ToArray());
}
