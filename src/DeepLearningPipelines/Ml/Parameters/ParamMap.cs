namespace DeepLearningPipelines.Ml.Parameters;

/// <summary>A set of (param, value) pairs, as Spark's <c>ParamMap</c>; used for <c>Copy(extra)</c>, grids and <c>Fit(df, map)</c>.</summary>
public sealed class ParamMap
{
    private readonly Dictionary<Param, object?> _values = [];

    public ParamMap() { }

    private ParamMap(Dictionary<Param, object?> values) => _values = new Dictionary<Param, object?>(values);

    /// <summary>Adds or replaces a value (validated now).</summary>
    public ParamMap Put<T>(Param<T> param, T value) => PutUntyped(param, value);

    internal ParamMap PutUntyped(Param param, object? value)
    {
        _values[param] = param.Normalize(value);
        return this;
    }

    public bool Contains(Param param) => _values.ContainsKey(param);

    public bool TryGet(Param param, out object? value) => _values.TryGetValue(param, out value);

    public T Get<T>(Param<T> param) => (T)_values[param]!;

    public IEnumerable<(Param Param, object? Value)> Entries => _values.Select(kv => (kv.Key, kv.Value));

    public int Count => _values.Count;

    public ParamMap Copy() => new(_values);

    /// <summary>A new map with the entries of both; <paramref name="other"/> wins on conflicts.</summary>
    public ParamMap Merge(ParamMap? other)
    {
        var m = Copy();
        if (other is not null) foreach (var (p, v) in other.Entries) m._values[p] = v;
        return m;
    }

    public override string ToString() =>
        "{\n" + string.Join(",\n", _values.Select(kv => $"\t{kv.Key.Parent}-{kv.Key.Name}: {ParamText.Format(kv.Value)}")) + "\n}";
}
