using Apache.Arrow;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.Arrow;

/// <summary>Selects rows of Arrow arrays by position (Arrow's <c>take</c>) and cuts leading rows.</summary>
internal static class ArrowTake
{
    /// <summary>The rows of <paramref name="array"/> at <paramref name="rows"/>, in that order.</summary>
    public static IArrowArray Take(IArrowArray array, DataType type, IReadOnlyList<int> rows) => array switch
    {
        Int32Array a => Primitive(a, type, rows),
        Int64Array a => Primitive(a, type, rows),
        DoubleArray a => Primitive(a, type, rows),
        FloatArray a => Primitive(a, type, rows),
        StringArray a => Strings(a, rows),
        _ => Boxed(array, type, rows),
    };

    /// <summary>The first <paramref name="count"/> rows: a zero-copy slice (nested children are sliced with their parent).</summary>
    public static IArrowArray Head(IArrowArray array, int count) => ArrowArrayFactory.Slice(array, 0, count);

    private static IArrowArray Primitive<T>(PrimitiveArray<T> array, DataType type, IReadOnlyList<int> rows) where T : struct, System.Numerics.INumber<T>
    {
        var source = array.Values;
        var values = new ArrowBuffer.Builder<T>(Math.Max(1, rows.Count));
        var validity = new ValidityBuilder();
        bool nullable = array.NullCount > 0;
        for (int i = 0; i < rows.Count; i++)
        {
            int r = rows[i];
            values.Append(source[r]);
            validity.Append(!nullable || array.IsValid(r));
        }
        return ArrowArrayFactory.BuildArray(new ArrayData(ArrowTypes.ToArrow(type), rows.Count, validity.NullCount, 0, [validity.Build(), values.Build()]));
    }

    private static StringArray Strings(StringArray array, IReadOnlyList<int> rows)
    {
        var builder = new StringArray.Builder();
        foreach (var r in rows)
        {
            if (array.IsNull(r)) builder.AppendNull();
            else builder.Append(array.GetBytes(r));
        }
        return builder.Build();
    }

    private static IArrowArray Boxed(IArrowArray array, DataType type, IReadOnlyList<int> rows)
    {
        var builder = ColumnBuilder.For(type, "", rows.Count);
        foreach (var r in rows) builder.Append(ArrowValues.Get(array, type, r));
        return builder.Build();
    }
}
