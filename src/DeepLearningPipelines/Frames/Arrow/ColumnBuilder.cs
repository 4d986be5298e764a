using Apache.Arrow;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.Arrow;

/// <summary>
/// Builds an Arrow array of a Spark type from boxed values (the row-wise edge: in-memory rows, UDF results,
/// rare functions). Values of another numeric type are converted; values that do not fit the type are refused.
/// </summary>
internal abstract class ColumnBuilder
{
    /// <summary>Values appended so far.</summary>
    public int Length { get; protected set; }

    /// <summary>Appends one value (null included).</summary>
    public abstract void Append(object? value);

    /// <summary>The array of the appended values; the builder is not used afterwards.</summary>
    public abstract IArrowArray Build();

    /// <summary>A builder for <paramref name="type"/>; <paramref name="column"/> names the column in errors.</summary>
    public static ColumnBuilder For(DataType type, string column, int capacity = 0) => type switch
    {
        _ when type == DataTypes.Boolean => new BooleanColumnBuilder(column),
        _ when type == DataTypes.Integer => new PrimitiveColumnBuilder<int>(type, column, capacity),
        _ when type == DataTypes.Long => new PrimitiveColumnBuilder<long>(type, column, capacity),
        _ when type == DataTypes.Float => new PrimitiveColumnBuilder<float>(type, column, capacity),
        _ when type == DataTypes.Double => new PrimitiveColumnBuilder<double>(type, column, capacity),
        _ when type == DataTypes.String => new StringColumnBuilder(column),
        _ when type == DataTypes.Binary => new BinaryColumnBuilder(column),
        _ when type == DataTypes.Date => new DateColumnBuilder(column),
        _ when type == DataTypes.Timestamp => new TimestampColumnBuilder(column),
        VectorType => new VectorColumnBuilder(column),
        ArrayType a => new ListColumnBuilder(a, column),
        StructType s => new StructColumnBuilder(s, column),
        _ => throw new SchemaException($"Column '{column}' has type {type.SimpleString}, which has no Arrow representation."),
    };

    /// <summary>An array of <paramref name="type"/> holding <paramref name="values"/>.</summary>
    public static IArrowArray Build(DataType type, string column, IReadOnlyList<object?> values)
    {
        var builder = For(type, column, values.Count);
        foreach (var v in values) builder.Append(v);
        return builder.Build();
    }

    /// <summary>An array of <paramref name="count"/> copies of <paramref name="value"/>.</summary>
    public static IArrowArray Repeat(DataType type, string column, object? value, int count)
    {
        var builder = For(type, column, count);
        for (int i = 0; i < count; i++) builder.Append(value);
        return builder.Build();
    }

    protected static DataFormatException Refused(string column, object value, string expected) =>
        new($"Column '{column}' holds a {value.GetType().Name} value ('{MessageText.Escape(ValueFormat.Plain(value), 60)}') where {expected} is required.");
}

/// <summary>A validity bitmap being built, with its null count.</summary>
internal sealed class ValidityBuilder
{
    private readonly ArrowBuffer.BitmapBuilder _bits = new();

    public int NullCount { get; private set; }

    public void Append(bool valid)
    {
        _bits.Append(valid);
        if (!valid) NullCount++;
    }

    /// <summary>The bitmap, or an empty buffer when nothing is null (Arrow's "all valid").</summary>
    public ArrowBuffer Build() => NullCount == 0 ? ArrowBuffer.Empty : _bits.Build();
}
