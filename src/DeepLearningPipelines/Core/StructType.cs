using System.Text;

namespace DeepLearningPipelines.Core;

/// <summary>One named, typed field of a <see cref="StructType"/>.</summary>
public sealed record StructField(string Name, DataType DataType, bool Nullable = true)
{
    /// <summary>Why the field has its type when that may surprise (e.g. inferred from a file with no rows); type errors repeat it.</summary>
    public string? Note { get; init; }

    /// <summary>True when the name is a qualified <c>alias.column</c> (a join condition's view of a side named by <c>Alias</c>), not a literal name with a dot.</summary>
    internal bool IsQualifiedName { get; init; }

    /// <summary><c> Note: ...</c> to append to a type error about this field, or empty.</summary>
    internal string NoteSuffix => Note is null ? "" : $" Note: {Note}";

    public override string ToString() => $"StructField({Name},{DataType},{Nullable.ToString().ToLowerInvariant()})";
}

/// <summary>A struct type; the schema of a DataFrame is a <see cref="StructType"/>.</summary>
public sealed class StructType : DataType
{
    private readonly Dictionary<string, int> _index;

    public StructType(IEnumerable<StructField> fields)
    {
        Fields = fields.ToArray();
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < Fields.Count; i++)
            _index.TryAdd(Fields[i].Name, i);
    }

    public StructType(params StructField[] fields) : this((IEnumerable<StructField>)fields) { }

    public IReadOnlyList<StructField> Fields { get; }
    public int Count => Fields.Count;
    public StructField this[int i] => Fields[i];
    public StructField this[string name] => Fields[FieldIndex(name)];
    public IEnumerable<string> FieldNames => Fields.Select(f => f.Name);
    public override string TypeName => "struct";
    public override string SimpleString => $"struct<{string.Join(",", Fields.Select(f => $"{f.Name}:{f.DataType.SimpleString}"))}>";

    /// <summary>Returns a schema with one more field.</summary>
    public StructType Add(string name, DataType type, bool nullable = true) => new(Fields.Append(new StructField(name, type, nullable)));

    public bool Contains(string name) => _index.ContainsKey(name);

    /// <summary>The position of a field; throws a <see cref="SchemaException"/> listing the available names when absent.</summary>
    public int FieldIndex(string name) =>
        _index.TryGetValue(name, out var i) ? i
        : throw new SchemaException($"Column '{MessageText.Escape(name)}' does not exist. Available columns: [{string.Join(", ", FieldNames.Select(n => MessageText.Escape(n)))}].");

    /// <summary>Checks that a column exists and has the expected type.</summary>
    public StructField Require(string name, DataType expected, string? purpose = null)
    {
        var field = this[name];
        if (field.DataType != expected)
            throw new SchemaException($"Column '{name}' must be of type {expected.SimpleString}{(purpose is null ? "" : $" ({purpose})")} but was actually {field.DataType.SimpleString}.{field.NoteSuffix}");
        return field;
    }

    /// <summary>Checks that a column exists and is numeric (boolean, integer, long, float or double).</summary>
    public StructField RequireNumeric(string name, string? purpose = null)
    {
        var field = this[name];
        if (!field.DataType.IsNumeric && field.DataType != DataTypes.Boolean)
            throw new SchemaException($"Column '{name}' must be numeric{(purpose is null ? "" : $" ({purpose})")} but was actually {field.DataType.SimpleString}.{field.NoteSuffix}");
        return field;
    }

    /// <summary>The schema in Spark's tree format, as <c>printSchema()</c> prints it.</summary>
    public string TreeString()
    {
        var sb = new StringBuilder("root\n");
        foreach (var f in Fields)
            AppendField(sb, f.Name, f.DataType, $"nullable = {f.Nullable.ToString().ToLowerInvariant()}", " |");
        return sb.ToString();
    }

    private static void AppendField(StringBuilder sb, string name, DataType type, string nullability, string prefix)
    {
        sb.Append(prefix).Append("-- ").Append(name).Append(": ").Append(type.TypeName).Append(" (").Append(nullability).Append(")\n");
        var childPrefix = prefix + "    |";
        switch (type)
        {
            case StructType st:
                foreach (var f in st.Fields)
                    AppendField(sb, f.Name, f.DataType, $"nullable = {f.Nullable.ToString().ToLowerInvariant()}", childPrefix);
                break;
            case ArrayType at:
                AppendField(sb, "element", at.ElementType, $"containsNull = {at.ContainsNull.ToString().ToLowerInvariant()}", childPrefix);
                break;
        }
    }

    /// <summary>Prints <see cref="TreeString"/> to standard output.</summary>
    public void PrintTreeString() => Console.Write(TreeString());

    public override bool Equals(DataType? other) =>
        other is StructType s && s.Count == Count && Fields.Zip(s.Fields).All(p => p.First.Name == p.Second.Name && p.First.DataType == p.Second.DataType);

    public override int GetHashCode() => SimpleString.GetHashCode(StringComparison.Ordinal);
}
