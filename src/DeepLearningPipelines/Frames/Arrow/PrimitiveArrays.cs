using System.Numerics;
using Apache.Arrow;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.Arrow;

/// <summary>Builds primitive Arrow arrays straight from typed values and a validity mask (the typed kernels' output).</summary>
internal static class PrimitiveArrays
{
    /// <summary>An array of <paramref name="type"/> over <paramref name="values"/>; rows with <paramref name="valid"/>[i] false are null (no mask: none).</summary>
    public static IArrowArray Of<T>(DataType type, T[] values, bool[]? valid) where T : struct, INumber<T>
    {
        var validity = Validity(valid, values.Length, out int nulls);
        var data = new ArrayData(ArrowTypes.ToArrow(type), values.Length, nulls, 0, [validity, new ArrowBuffer.Builder<T>(Math.Max(1, values.Length)).Append(values).Build()]);
        return ArrowArrayFactory.BuildArray(data);
    }

    /// <summary>A boolean array; rows with <paramref name="valid"/>[i] false are null.</summary>
    public static BooleanArray Booleans(bool[] values, bool[]? valid)
    {
        var builder = new BooleanArray.Builder().Reserve(values.Length);
        for (int i = 0; i < values.Length; i++)
        {
            if (valid is not null && !valid[i]) builder.AppendNull();
            else builder.Append(values[i]);
        }
        return builder.Build();
    }

    private static ArrowBuffer Validity(bool[]? valid, int length, out int nulls)
    {
        nulls = 0;
        if (valid is null) return ArrowBuffer.Empty;
        var bits = new ValidityBuilder();
        for (int i = 0; i < length; i++) bits.Append(valid[i]);
        nulls = bits.NullCount;
        return bits.Build();
    }
}
