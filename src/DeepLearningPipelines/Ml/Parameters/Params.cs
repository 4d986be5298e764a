using System.Text;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Ml.Parameters;

/// <summary>
/// Something with params and a uid, as Spark's <c>Params</c>: declared params with defaults, set values, validation,
/// <see cref="ExplainParams"/> and copying with extra values.
/// </summary>
public abstract partial class Params
{
    private readonly List<Param> _declared = [];
    private Dictionary<Param, object?> _set = [];
    private Dictionary<Param, object?> _defaults = [];

    protected Params(string? uid)
    {
        Uid = uid ?? Identifiable.RandomUid(GetType().Name);
    }

    /// <summary>A unique id such as <c>LogisticRegression_4f1c2a9b3e7d</c>.</summary>
    public string Uid { get; }

    /// <summary>Every declared param, in declaration order.</summary>
    public IReadOnlyList<Param> ParamList => _declared;

    /// <summary>Declares a param owned by this object, with an optional default and validator.</summary>
    /// <remarks>Params with <paramref name="savedInMetadata"/> false (child stages, delegates) are persisted by the stage itself.</remarks>
    protected internal Param<T> Declare<T>(string name, string doc, Optional<T> defaultValue = default, (Func<T, bool> IsValid, string Requirement)? validator = null, bool savedInMetadata = true)
    {
        var p = new Param<T>(Uid, name, doc, validator?.IsValid, validator?.Requirement) { SavedInMetadata = savedInMetadata };
        _declared.Add(p);
        if (defaultValue.HasValue)
        {
            p.Validate(defaultValue.Value);
            _defaults[p] = defaultValue.Value;
        }
        return p;
    }

    /// <summary>Declares an enum-like string param: any letter case of the allowed values is accepted and stored in canonical spelling.</summary>
    protected internal Param<T> Declare<T>(string name, string doc, Optional<T> defaultValue, AllowedStrings allowed, bool savedInMetadata = true)
    {
        var p = new Param<T>(Uid, name, doc, allowed) { SavedInMetadata = savedInMetadata };
        _declared.Add(p);
        if (defaultValue.HasValue) _defaults[p] = p.Normalize(defaultValue.Value);
        return p;
    }

    /// <summary>The param with the given name; throws listing the params, closest to <paramref name="name"/> first, when absent.</summary>
    public Param GetParam(string name) =>
        _declared.FirstOrDefault(p => p.Name == name) ?? throw new ParamException(ParamNames.Unknown(GetType().Name, name, _declared.Select(p => p.Name)));

    public bool HasParam(string name) => _declared.Any(p => p.Name == name);

    /// <summary>The set value, else the default; throws naming the param when neither exists.</summary>
    public T Get<T>(Param<T> param) => (T)GetUntyped(param)!;

    internal object? GetUntyped(Param param)
    {
        Own(param);
        if (_set.TryGetValue(param, out var v) || _defaults.TryGetValue(param, out v)) return v;
        throw new ParamException($"Param '{param.Name}' of {Uid} is not set and has no default. Set it first.");
    }

    /// <summary>Sets a value after validating it; returns this object.</summary>
    public Params Set<T>(Param<T> param, T value)
    {
        SetUntyped(param, value);
        return this;
    }

    internal void SetUntyped(Param param, object? value)
    {
        Own(param);
        _set[param] = param.Normalize(value);
    }

    internal void SetDefaultUntyped(Param param, object? value)
    {
        Own(param);
        _defaults[param] = param.AllowedValues is null ? value : param.Normalize(value);
    }

    public bool IsSet(Param param) => _set.ContainsKey(param);
    public bool HasDefault(Param param) => _defaults.ContainsKey(param);
    public bool IsDefined(Param param) => IsSet(param) || HasDefault(param);

    /// <summary>Removes a set value, so the default applies again.</summary>
    public void Clear(Param param) => _set.Remove(param);

    internal IEnumerable<(Param Param, object? Value)> SetValues => _set.Select(kv => (kv.Key, kv.Value));
    internal IEnumerable<(Param Param, object? Value)> DefaultValues => _defaults.Select(kv => (kv.Key, kv.Value));

    /// <summary>One line for a param: name, doc, default and current value.</summary>
    public string ExplainParam(Param param)
    {
        Own(param);
        var parts = new List<string>();
        if (_defaults.TryGetValue(param, out var d)) parts.Add($"default: {ParamText.Format(d)}");
        if (_set.TryGetValue(param, out var c)) parts.Add($"current: {ParamText.Format(c)}");
        var req = param.Requirement is null ? "" : $" Must be {param.Requirement}.";
        return $"{param.Name}: {param.Doc}{req} ({(parts.Count == 0 ? "undefined" : string.Join(", ", parts))})";
    }

    /// <summary>Every param explained, one per line, as Spark's <c>explainParams()</c>.</summary>
    public string ExplainParams()
    {
        var sb = new StringBuilder();
        foreach (var p in _declared) sb.AppendLine(ExplainParam(p));
        return sb.ToString().TrimEnd();
    }

    /// <summary>Defaults, then set values, then <paramref name="extra"/>.</summary>
    public ParamMap ExtractParamMap(ParamMap? extra = null)
    {
        var m = new ParamMap();
        foreach (var (p, v) in _defaults) m.PutUntyped(p, v);
        foreach (var (p, v) in _set) m.PutUntyped(p, v);
        return m.Merge(extra is null ? null : Filter(extra));
    }

    /// <summary>The entries of <paramref name="map"/> that belong to this object.</summary>
    public ParamMap Filter(ParamMap map)
    {
        var m = new ParamMap();
        foreach (var (p, v) in map.Entries) if (p.Parent == Uid && HasParam(p.Name)) m.PutUntyped(p, v);
        return m;
    }

    /// <summary>A copy with the same uid and values, plus <paramref name="extra"/> (entries for other stages are ignored).</summary>
    protected Params CopyParams(ParamMap? extra)
    {
        var copy = (Params)MemberwiseClone();
        copy._set = new Dictionary<Param, object?>(_set);
        copy._defaults = new Dictionary<Param, object?>(_defaults);
        if (extra is not null)
            foreach (var (p, v) in extra.Entries)
                if (p.Parent == Uid && HasParam(p.Name)) copy.SetUntyped(GetParam(p.Name), v);
        return copy;
    }

    /// <summary>Copies set values (and defaults) to the params of <paramref name="target"/> with the same names, as Spark's <c>copyValues</c>.</summary>
    public void CopyValuesTo(Params target, ParamMap? extra = null)
    {
        foreach (var (p, v) in DefaultValues)
            if (target.HasParam(p.Name)) target.SetDefaultUntyped(target.GetParam(p.Name), v);
        foreach (var (p, v) in ExtractParamMap(extra).Entries)
            if (IsSet(p) || (extra?.Contains(p) ?? false))
                if (target.HasParam(p.Name)) target.SetUntyped(target.GetParam(p.Name), v);
    }

    private void Own(Param param)
    {
        if (param.Parent != Uid)
            throw new ParamException($"Param '{param.Name}' belongs to {param.Parent}, not to {Uid}.");
    }
}

/// <summary>An optional default value for <see cref="Params"/> declarations.</summary>
public readonly struct Optional<T>
{
    public Optional(T value) { Value = value; HasValue = true; }
    public T Value { get; }
    public bool HasValue { get; }
    public static implicit operator Optional<T>(T value) => new(value);
}

/// <summary>Random uids as Spark builds them: the class name, an underscore and 12 hex digits.</summary>
public static class Identifiable
{
    public static string RandomUid(string prefix) => $"{prefix}_{Guid.NewGuid():N}"[..(prefix.Length + 13)];
}
