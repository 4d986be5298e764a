using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Nn.Graph;

/// <summary>Typed attributes of a node: integers, floats, strings and integer or float lists, by name.</summary>
public sealed class NodeAttributes
{
    private readonly Dictionary<string, object> _values = new(StringComparer.Ordinal);

    /// <summary>Attribute names present.</summary>
    public IEnumerable<string> Names => _values.Keys;

    /// <summary>True when the attribute is present.</summary>
    public bool Contains(string name) => _values.ContainsKey(name);

    /// <summary>The raw value (int, float, string, int[] or float[]).</summary>
    public object Get(string name) => _values[name];

    /// <summary>Sets an attribute (arrays are copied) and returns this instance for chaining.</summary>
    public NodeAttributes Set(string name, int value) { _values[name] = value; return this; }
    /// <inheritdoc cref="Set(string, int)"/>
    public NodeAttributes Set(string name, float value) { _values[name] = value; return this; }
    /// <inheritdoc cref="Set(string, int)"/>
    public NodeAttributes Set(string name, string value) { _values[name] = value; return this; }
    /// <inheritdoc cref="Set(string, int)"/>
    public NodeAttributes Set(string name, int[] value) { _values[name] = (int[])value.Clone(); return this; }
    /// <inheritdoc cref="Set(string, int)"/>
    public NodeAttributes Set(string name, float[] value) { _values[name] = (float[])value.Clone(); return this; }

    /// <summary>Removes an attribute if present.</summary>
    public void Remove(string name) => _values.Remove(name);

    /// <summary>An integer attribute, or <paramref name="defaultValue"/> when absent; a value of another type is a <see cref="ModelFormatException"/>.</summary>
    public int GetInt(string name, int defaultValue) => _values.TryGetValue(name, out var v) ? As<int>(name, v) : defaultValue;
    /// <summary>A float attribute, or <paramref name="defaultValue"/> when absent.</summary>
    public float GetFloat(string name, float defaultValue) => _values.TryGetValue(name, out var v) ? As<float>(name, v) : defaultValue;
    /// <summary>A string attribute, or <paramref name="defaultValue"/> when absent.</summary>
    public string GetString(string name, string defaultValue) => _values.TryGetValue(name, out var v) ? As<string>(name, v) : defaultValue;

    /// <summary>An integer list, or null when absent.</summary>
    public int[]? GetInts(string name) => _values.TryGetValue(name, out var v) ? As<int[]>(name, v) : null;

    /// <summary>A float list, or null when absent.</summary>
    public float[]? GetFloats(string name) => _values.TryGetValue(name, out var v) ? As<float[]>(name, v) : null;

    /// <summary>A deep copy.</summary>
    public NodeAttributes Clone()
    {
        var copy = new NodeAttributes();
        foreach (var (k, v) in _values) copy._values[k] = v is Array a ? a.Clone() : v;
        return copy;
    }

    private static T As<T>(string name, object value) =>
        value is T t ? t : throw new ModelFormatException($"Attribute '{name}' is a {value.GetType().Name}, expected {typeof(T).Name}.");
}
