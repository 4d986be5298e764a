using System.Linq.Expressions;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Ml.Parameters;

namespace DeepLearningPipelines.Ml.Tuning;

/// <summary>
/// Builds the cartesian product of param values for tuning, as Spark's <c>ParamGridBuilder</c>. A param is named by
/// the stage's flat property (<c>AddGrid(lr, x =&gt; x.RegParam, 0.01, 0.1)</c>, checked by the compiler), by Spark's
/// name (<c>AddGrid(lr, "regParam", 0.01, 0.1)</c>) or by its <see cref="Param{T}"/> object.
/// </summary>
public sealed class ParamGridBuilder
{
    private readonly List<(Param Param, object?[] Values)> _grid = [];
    private readonly ParamMap _fixed = new();

    /// <summary>Tries every value of <paramref name="param"/>.</summary>
    public ParamGridBuilder AddGrid<T>(Param<T> param, params T[] values) => AddGridUntyped(param, values.Cast<object?>());

    /// <summary>Tries every value of the param named <paramref name="name"/> on <paramref name="stage"/>; values convert as in <see cref="Params.Set(string, object?)"/>.</summary>
    public ParamGridBuilder AddGrid<T>(Params stage, string name, params T[] values)
    {
        var param = stage.GetParam(name);
        return AddGridUntyped(param, values.Select(v => ParamValueConversion.Convert(stage.GetType().Name, param, v)));
    }

    /// <summary>Tries every value of the param behind the flat property <paramref name="property"/> (as <c>x =&gt; x.RegParam</c>).</summary>
    public ParamGridBuilder AddGrid<TStage, T>(TStage stage, Expression<Func<TStage, T>> property, params T[] values) where TStage : Params =>
        AddGridUntyped(ParamOf(stage, property), values.Cast<object?>());

    /// <summary>Sets a value in every map of the grid.</summary>
    public ParamGridBuilder BaseOn<T>(Param<T> param, T value)
    {
        _fixed.Put(param, value);
        return this;
    }

    /// <summary>Sets the param named <paramref name="name"/> on <paramref name="stage"/> in every map of the grid.</summary>
    public ParamGridBuilder BaseOn(Params stage, string name, object? value)
    {
        var param = stage.GetParam(name);
        _fixed.PutUntyped(param, ParamValueConversion.Convert(stage.GetType().Name, param, value));
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

    private ParamGridBuilder AddGridUntyped(Param param, IEnumerable<object?> values)
    {
        var checkedValues = values.Select(v => { param.Validate(v); return v; }).ToArray();
        _grid.RemoveAll(g => g.Param.Equals(param));
        _grid.Add((param, checkedValues));
        return this;
    }

    /// <summary>The param whose flat property <paramref name="property"/> reads.</summary>
    private static Param ParamOf<TStage, T>(TStage stage, Expression<Func<TStage, T>> property) where TStage : Params
    {
        var body = property.Body is UnaryExpression { NodeType: ExpressionType.Convert } convert ? convert.Operand : property.Body;
        if (body is not MemberExpression { Member: System.Reflection.PropertyInfo p } member || member.Expression != property.Parameters[0])
            throw new ParamException($"AddGrid needs a flat param property of the stage, as x => x.RegParam, not {property}.");
        return stage.ParamList.FirstOrDefault(d => ParamNames.PropertyName(d.Name) == p.Name)
            ?? throw new ParamException($"{typeof(TStage).Name}.{p.Name} is not a param property; its params are {string.Join(", ", stage.ParamList.Select(d => ParamNames.PropertyName(d.Name)))}.");
    }
}
