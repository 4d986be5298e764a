using Apache.Arrow;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.Arrow;

/// <summary>
/// Reads one value of an Arrow array as the boxed .NET value of its Spark type (the row-wise edge): numbers as
/// int/long/float/double, strings, byte[], <see cref="Vector"/>, <see cref="Row"/> for structs, and for arrays a
/// typed .NET array (<c>int[]</c>, <c>double[]</c>, <c>string[]</c>, <c>Row[]</c>…) or <c>object?[]</c> when a primitive list holds nulls.
/// </summary>
internal static class ArrowValues
{
    public static object? Get(IArrowArray array, DataType type, int row)
    {
        if (array.IsNull(row)) return null;
        return array switch
        {
            Int32Array a => a.Values[row],
            Int64Array a => a.Values[row],
            DoubleArray a => a.Values[row],
            FloatArray a => a.Values[row],
            BooleanArray a => a.GetValue(row)!.Value,
            StringArray a => a.GetString(row),
            BinaryArray a => a.GetBytes(row).ToArray(),
            Date32Array a => a.GetDateOnly(row)!.Value,
            Date64Array a => a.GetDateOnly(row)!.Value,
            TimestampArray a => a.GetTimestamp(row)!.Value.UtcDateTime,
            Int8Array a => (int)a.Values[row],
            Int16Array a => (int)a.Values[row],
            StructArray s when type is VectorType => Vector(s, row),
            StructArray s when type is StructType st => Struct(s, st, row),
            ListArray l when type is ArrayType at => List(l, at, row),
            _ => throw new SchemaException($"A {array.Data.DataType.Name} array cannot hold {type.SimpleString} values."),
        };
    }

    /// <summary>Every value of <paramref name="array"/>, boxed.</summary>
    public static object?[] All(IArrowArray array, DataType type)
    {
        var values = new object?[array.Length];
        for (int r = 0; r < values.Length; r++) values[r] = Get(array, type, r);
        return values;
    }

    /// <summary>The vector at <paramref name="row"/> of a VectorUDT storage struct (not null). A struct's children are already sliced to it.</summary>
    public static Vector Vector(StructArray s, int row)
    {
        int i = row;
        var values = (ListArray)s.Fields[3];
        var data = Doubles(values, i);
        if (((Int8Array)s.Fields[0]).Values[i] == 1) return new DenseVector(data);
        var indices = (ListArray)s.Fields[2];
        var idx = ((Int32Array)indices.Values).Values.Slice(indices.ValueOffsets[i], indices.GetValueLength(i)).ToArray();
        return new SparseVector(((Int32Array)s.Fields[1]).Values[i], idx, data);
    }

    private static double[] Doubles(ListArray list, int row) =>
        ((DoubleArray)list.Values).Values.Slice(list.ValueOffsets[row], list.GetValueLength(row)).ToArray();

    private static Row Struct(StructArray s, StructType type, int row)
    {
        var values = new object?[type.Count];
        for (int f = 0; f < values.Length; f++) values[f] = Get(s.Fields[f], type[f].DataType, row);
        return new Row(type, values);
    }

    /// <summary>
    /// The array at <paramref name="row"/>, typed by the element type, never by the data: <c>string?[]</c>, <c>Row?[]</c>,
    /// <c>Vector?[]</c>, <c>byte[]?[]</c>; numeric elements as <c>double[]</c>, <c>int[]</c>… when the type says they are
    /// never null, else <c>object?[]</c>.
    /// </summary>
    private static object List(ListArray l, ArrayType type, int row)
    {
        int start = l.ValueOffsets[row], length = l.GetValueLength(row);
        var items = l.Values;
        var element = type.ElementType;
        bool typed = !type.ContainsNull && items.NullCount == 0;
        return items switch
        {
            DoubleArray d when typed => d.Values.Slice(start, length).ToArray(),
            FloatArray f when typed => f.Values.Slice(start, length).ToArray(),
            Int32Array n when typed => n.Values.Slice(start, length).ToArray(),
            Int64Array n when typed => n.Values.Slice(start, length).ToArray(),
            StringArray => Read<string?>(items, element, start, length),
            BinaryArray => Read<byte[]?>(items, element, start, length),
            StructArray when element is VectorType => Read<Vector?>(items, element, start, length),
            StructArray => Read<Row?>(items, element, start, length),
            _ => Read<object?>(items, element, start, length),
        };
    }

    private static T[] Read<T>(IArrowArray items, DataType element, int start, int length)
    {
        var result = new T[length];
        for (int i = 0; i < length; i++) result[i] = (T)Get(items, element, start + i)!;
        return result;
    }
}
