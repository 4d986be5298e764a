using System.Text.Json;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Ml.Parameters;

/// <summary>
/// A named, documented parameter of a stage, as Spark's <c>Param</c>. Two params are the same when they belong to
/// the same stage (by uid) and have the same name, so a copied stage answers to the params of its original.
/// </summary>
public abstract class Param : IEquatable<Param>
{
    protected Param(string parent, string name, string doc)
    {
        Parent = parent;
        Name = name;
        Doc = doc;
    }

    /// <summary>The uid of the stage that owns this param.</summary>
    public string Parent { get; }
    public string Name { get; }
    public string Doc { get; }

    /// <summary>False for params the stage persists itself (child stages, delegates).</summary>
    public bool SavedInMetadata { get; init; } = true;

    /// <summary>The .NET type of the value.</summary>
    public abstract Type ValueType { get; }

    /// <summary>What a valid value looks like, for messages and <c>ExplainParams</c>.</summary>
    public abstract string? Requirement { get; }

    /// <summary>Throws a <see cref="ParamException"/> naming the param when <paramref name="value"/> is not valid.</summary>
    public abstract void Validate(object? value);

    /// <summary>For enum-like string params, the accepted values in their canonical spelling; null otherwise.</summary>
    public virtual IReadOnlyList<string>? AllowedValues => null;

    /// <summary>Validates <paramref name="value"/> and returns the form to store: the canonical spelling for enum-like params.</summary>
    internal virtual object? Normalize(object? value)
    {
        Validate(value);
        return value;
    }

    internal abstract JsonElement ToJson(object? value);
    internal abstract object? FromJson(JsonElement json);

    public bool Equals(Param? other) => other is not null && other.Parent == Parent && other.Name == Name;
    public override bool Equals(object? obj) => obj is Param p && Equals(p);
    public override int GetHashCode() => HashCode.Combine(Parent, Name);
    public override string ToString() => $"{Parent}__{Name}";
}

/// <summary>A typed parameter with an optional validator.</summary>
public sealed class Param<T> : Param
{
    private readonly Func<T, bool>? _isValid;
    private readonly AllowedStrings? _allowed;

    public Param(string parent, string name, string doc, Func<T, bool>? isValid = null, string? requirement = null) : base(parent, name, doc)
    {
        _isValid = isValid;
        Requirement = requirement;
    }

    /// <summary>An enum-like string param: any letter case of <paramref name="allowed"/> is accepted and stored canonically.</summary>
    public Param(string parent, string name, string doc, AllowedStrings allowed) : base(parent, name, doc)
    {
        if (typeof(T) != typeof(string)) throw new ArgumentException($"Param '{name}': allowed strings need a string param, not {typeof(T).Name}.");
        _allowed = allowed;
        _isValid = v => allowed.Canonical(v as string) is not null;
        Requirement = allowed.Requirement;
    }

    public override Type ValueType => typeof(T);
    public override string? Requirement { get; }
    public override IReadOnlyList<string>? AllowedValues => _allowed?.Values;

    internal override object? Normalize(object? value)
    {
        Validate(value);
        return _allowed is not null && value is string s ? _allowed.Canonical(s) : value;
    }

    public override void Validate(object? value)
    {
        if (value is not T t)
        {
            if (value is null && default(T) is null) return;
            throw new ParamException($"Param '{Name}' expects a {typeof(T).Name} value but got {value?.GetType().Name ?? "null"}.");
        }
        if (_isValid is not null && !_isValid(t))
            throw new ParamException($"Param '{Name}' given invalid value {ParamText.Format(t)}{(Requirement is null ? "" : $"; it must be {Requirement}")}.");
    }

    internal override JsonElement ToJson(object? value) => JsonSerializer.SerializeToElement((T?)value, ParamText.JsonOptions);

    internal override object? FromJson(JsonElement json) => json.Deserialize<T>(ParamText.JsonOptions);
}

/// <summary>Text and JSON forms of param values.</summary>
internal static class ParamText
{
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Format(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        System.Collections.IEnumerable e => "[" + string.Join(", ", e.Cast<object?>().Select(Format)) + "]",
        _ => ValueFormat.Plain(value),
    };
}
