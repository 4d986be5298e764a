using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Vision.Training;

/// <summary>Reads a vector or numeric-array cell as the floats of one network input.</summary>
internal static class TensorValues
{
    /// <summary>Requires column <paramref name="name"/> to be a vector or an array of numbers.</summary>
    public static void Check(StructType schema, string name)
    {
        var field = schema[name];
        bool ok = field.DataType == DataTypes.Vector || field.DataType is ArrayType { ElementType: var e } && (e == DataTypes.Float || e == DataTypes.Double || e == DataTypes.Integer || e == DataTypes.Long);
        if (!ok) throw new SchemaException($"Input column '{name}' is {field.DataType}; use a vector or an array of numbers.");
    }

    /// <summary>The values of a vector or numeric array as floats.</summary>
    public static float[] ToFloats(object value) => value switch
    {
        Vector v => Array.ConvertAll(v.ToArray(), d => (float)d),
        float[] f => f,
        double[] d => Array.ConvertAll(d, x => (float)x),
        System.Collections.IEnumerable items => items.Cast<object?>().Select(x => x is null
            ? throw new DataFormatException("An input array holds a null; network inputs must be complete.")
            : Convert.ToSingle(x, System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
        _ => throw new DataFormatException($"Input value {value} is not a vector or an array of numbers."),
    };
}
