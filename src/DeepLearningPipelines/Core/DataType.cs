namespace DeepLearningPipelines.Core;

/// <summary>The type of a DataFrame column, named as Spark names it (<c>integer</c>, <c>double</c>, <c>vector</c>, …).</summary>
public abstract class DataType : IEquatable<DataType>
{
    /// <summary>Spark's <c>typeName</c>, used by <c>PrintSchema</c>.</summary>
    public abstract string TypeName { get; }

    /// <summary>Spark's <c>simpleString</c>, e.g. <c>array&lt;double&gt;</c>.</summary>
    public virtual string SimpleString => TypeName;

    /// <summary>True for boolean, integer, long, float and double.</summary>
    public virtual bool IsNumeric => false;

    public virtual bool Equals(DataType? other) => other is not null && other.SimpleString == SimpleString;
    public override bool Equals(object? obj) => obj is DataType other && Equals(other);
    public override int GetHashCode() => SimpleString.GetHashCode(StringComparison.Ordinal);
    public override string ToString() => SimpleString;
    public static bool operator ==(DataType? a, DataType? b) => a is null ? b is null : a.Equals(b);
    public static bool operator !=(DataType? a, DataType? b) => !(a == b);
}

/// <summary>A scalar type: one of the fixed singletons in <see cref="DataTypes"/>.</summary>
public sealed class AtomicType : DataType
{
    internal AtomicType(string typeName, string simpleString, bool isNumeric, Type clrType, int numericRank = -1)
    {
        TypeName = typeName;
        SimpleString = simpleString;
        IsNumeric = isNumeric;
        ClrType = clrType;
        NumericRank = numericRank;
    }

    public override string TypeName { get; }
    public override string SimpleString { get; }
    public override bool IsNumeric { get; }

    /// <summary>The .NET type of a non-null value of this type.</summary>
    public Type ClrType { get; }

    /// <summary>Widening order among numeric types (integer &lt; long &lt; float &lt; double); -1 for others.</summary>
    internal int NumericRank { get; }
}

/// <summary>An array column; values are <c>object?[]</c> or typed .NET arrays.</summary>
public sealed class ArrayType(DataType elementType, bool containsNull = true) : DataType
{
    public DataType ElementType { get; } = elementType;
    public bool ContainsNull { get; } = containsNull;
    public override string TypeName => "array";
    public override string SimpleString => $"array<{ElementType.SimpleString}>";
}

/// <summary>The type of every Spark ML vector column (dense or sparse <see cref="Vector"/>).</summary>
public sealed class VectorType : DataType
{
    internal VectorType() { }
    public override string TypeName => "vector";
}

/// <summary>The built-in data types.</summary>
public static class DataTypes
{
    public static readonly AtomicType Boolean = new("boolean", "boolean", false, typeof(bool));
    public static readonly AtomicType Integer = new("integer", "int", true, typeof(int), 0);
    public static readonly AtomicType Long = new("long", "bigint", true, typeof(long), 1);
    public static readonly AtomicType Float = new("float", "float", true, typeof(float), 2);
    public static readonly AtomicType Double = new("double", "double", true, typeof(double), 3);
    public static readonly AtomicType String = new("string", "string", false, typeof(string));
    public static readonly AtomicType Binary = new("binary", "binary", false, typeof(byte[]));

    /// <summary>A calendar date; values are <see cref="DateOnly"/>.</summary>
    public static readonly AtomicType Date = new("date", "date", false, typeof(DateOnly));

    /// <summary>A date and time of day in the session time zone (UTC); values are <see cref="DateTime"/>.</summary>
    public static readonly AtomicType Timestamp = new("timestamp", "timestamp", false, typeof(DateTime));
    public static readonly VectorType Vector = new();

    /// <summary>Creates an array type.</summary>
    public static ArrayType ArrayOf(DataType element, bool containsNull = true) => new(element, containsNull);

    /// <summary>Parses a type from its Spark name (<c>int</c>, <c>integer</c>, <c>double</c>, <c>array&lt;float&gt;</c>, …).</summary>
    public static DataType Parse(string name)
    {
        var n = name.Trim().ToLowerInvariant();
        if (n.StartsWith("array<", StringComparison.Ordinal) && n.EndsWith('>'))
            return ArrayOf(Parse(n[6..^1]));
        return n switch
        {
            "boolean" or "bool" => Boolean,
            "int" or "integer" => Integer,
            "long" or "bigint" => Long,
            "float" => Float,
            "double" => Double,
            "string" => String,
            "binary" => Binary,
            "date" => Date,
            "timestamp" => Timestamp,
            "vector" => Vector,
            _ => throw new SchemaException($"Unknown data type '{name}'. Known: boolean, int, long, float, double, string, binary, date, timestamp, vector, array<T>."),
        };
    }

    /// <summary>The wider of two numeric types, as Spark widens in arithmetic.</summary>
    internal static AtomicType WiderNumeric(DataType a, DataType b)
    {
        var x = a == Boolean ? Integer : (AtomicType)a;
        var y = b == Boolean ? Integer : (AtomicType)b;
        return x.NumericRank >= y.NumericRank ? x : y;
    }
}
