using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Ml.Parameters;

public abstract partial class Params
{
    /// <summary>
    /// Sets the param named <paramref name="name"/> (Spark's name, as <c>"regParam"</c>), converting numbers as Spark
    /// does (an int for a double, a whole double for an int, a list for an array); returns this object.
    /// </summary>
    /// <exception cref="ParamException">No param has that name (the message lists the params, closest first), the
    /// value has the wrong type (it names the param and both types), or the value is invalid.</exception>
    public Params Set(string name, object? value)
    {
        var param = GetParam(name);
        SetUntyped(param, ParamValueConversion.Convert(GetType().Name, param, value));
        return this;
    }

    /// <summary>The value of the param named <paramref name="name"/>: the set value, else the default.</summary>
    /// <exception cref="ParamException">No param has that name, or it is neither set nor has a default.</exception>
    public object? Get(string name) => GetUntyped(GetParam(name));

    /// <summary>For the flat property of a param without default: the value, or null while it is neither set nor defaulted.</summary>
    protected T? GetOrNull<T>(Param<T> param) where T : class => IsDefined(param) ? Get(param) : null;

    /// <summary>For the flat property of a param without default: sets the value, or clears it when null.</summary>
    protected void SetOrClear<T>(Param<T> param, T? value) where T : class
    {
        if (value is null) Clear(param);
        else Set(param, value);
    }
}
