using DeepLearningPipelines.Ml.Parameters;

namespace DeepLearningPipelines.Ml.Tuning;

/// <summary>Builds the cartesian product of param values for tuning, as Spark's <c>ParamGridBuilder</c>.</summary>
public sealed class ParamGridBuilder
{
    private readonly List<(Param Param, object?[] Values)> _grid = [];
    private readonly ParamMap _fixed = new();

    /// <summary>Tries every value of <paramref name="param"/>.</summary>
    public ParamGridBuilder AddGrid<T>(Param<T> param, params T[] values)
    {
        foreach (var v in values) param.Validate(v);
        _grid.RemoveAll(g => g.Param.Equals(param));
        _grid.Add((param, values.Cast<object?>().ToArray()));
        return this;
    }

    /// <summary>Sets a value in every map of the grid.</summary>
    public ParamGridBuilder BaseOn<T>(Param<T> param, T value)
    {
        _fixed.Put(param, value);
        return this;
    }

    /// <summary>Every combination, the last added param varying fastest.</summary>
    public ParamMap[] Build()
    {
        IEnumerable<ParamMap> maps = [_fixed.Copy()];
        foreach (var (param, values) in _grid)
            maps = maps.SelectMany(m => values.Select(v => m.Copy().PutUntyped(param, v))).ToList();
        return maps.ToArray();
    }
}
