namespace DeepLearningPipelines.Core;

/// <summary>One row of a DataFrame, as returned by <c>Collect</c>: values by position, with the schema for names.</summary>
public sealed class Row
{
    private readonly object?[] _values;

    public Row(StructType schema, params object?[] values)
    {
        if (values.Length != schema.Count)
            throw new SchemaException($"Row has {values.Length} values but the schema has {schema.Count} fields.");
        Schema = schema;
        _values = values;
    }

    public StructType Schema { get; }
    public int Length => _values.Length;
    public object? this[int i] => _values[i];
    public object? this[string name] => _values[Schema.FieldIndex(name)];

    /// <summary>The value at <paramref name="i"/> converted to <typeparamref name="T"/>; numeric values widen as needed.</summary>
    public T Get<T>(int i) => ValueConvert.To<T>(_values[i], Schema[i].Name);

    /// <summary>The value of the named column converted to <typeparamref name="T"/>.</summary>
    public T Get<T>(string name) => Get<T>(Schema.FieldIndex(name));

    public bool IsNullAt(int i) => _values[i] is null;

    /// <summary>A copy of the values.</summary>
    public object?[] Values() => (object?[])_values.Clone();

    public override string ToString() => "[" + string.Join(",", _values.Select(ValueFormat.Plain)) + "]";
}
