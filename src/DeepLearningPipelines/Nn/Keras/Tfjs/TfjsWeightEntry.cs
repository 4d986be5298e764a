using System.Text.Json.Nodes;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Nn.Keras.Tfjs;

/// <summary>
/// One entry of a TF.js weights manifest: name, shape, dtype and optional quantization. Quantized entries store
/// <c>uint8</c>/<c>uint16</c> codes q with <c>value = q·scale + min</c>, or <c>float16</c> values; the entry's own
/// <c>dtype</c> (or the newer <c>quantization.original_dtype</c>) is the dequantized type.
/// </summary>
internal sealed record TfjsWeightEntry(string Name, int[] Shape, string DType, string? StorageType, double Scale, double Min)
{
    /// <summary>The dtypes of unquantized entries.</summary>
    private static readonly string[] PlainTypes = ["float32", "int32", "bool"];

    /// <summary>The dtypes a quantized entry may decode to.</summary>
    private static readonly string[] DequantizedTypes = ["float32", "int32"];

    /// <summary>Number of elements.</summary>
    public int Count => Tensor.ElementCount(Shape);

    /// <summary>Bytes the entry occupies in the weight data.</summary>
    public long ByteLength => (long)Count * (StorageType ?? DType) switch
    {
        "float32" or "int32" => 4,
        "uint16" or "float16" => 2,
        "uint8" or "bool" => 1,
        var t => throw new ModelFormatException($"Weight '{Name}': dtype '{t}' is not supported (float32, int32, bool, uint8, uint16, float16)."),
    };

    public static TfjsWeightEntry Parse(JsonNode? node, string source)
    {
        try
        {
            var o = (JsonObject)node!;
            string name = o["name"]!.GetValue<string>();
            int[] shape = (o["shape"] as JsonArray ?? throw new ModelFormatException($"{source}: weight '{name}' has no 'shape' list."))
                .Select(d => d!.GetValue<int>()).ToArray();
            if (shape.Any(d => d < 0)) throw new ModelFormatException($"{source}: weight '{name}' has a negative dimension in {Tensor.Format(shape)}.");
            string dtype = o["dtype"]?.GetValue<string>() ?? "float32";
            if (o["quantization"] is not JsonObject q)
            {
                if (!PlainTypes.Contains(dtype))
                    throw new ModelFormatException($"{source}: weight '{name}' has dtype '{dtype}' (allowed: {string.Join(", ", PlainTypes)}).");
                return new TfjsWeightEntry(name, shape, dtype, null, 1, 0);
            }
            string storage = q["dtype"]!.GetValue<string>();
            dtype = q["original_dtype"]?.GetValue<string>() ?? dtype;
            if (!DequantizedTypes.Contains(dtype))
                throw new ModelFormatException($"{source}: quantized weight '{name}' has dtype '{dtype}' (allowed for quantized weights: {string.Join(", ", DequantizedTypes)}).");
            if (storage is "uint8" or "uint16" && (q["scale"] is null || q["min"] is null))
                throw new ModelFormatException($"{source}: weight '{name}' is quantized to {storage} without 'scale' and 'min'.");
            if (storage is not ("uint8" or "uint16" or "float16"))
                throw new ModelFormatException($"{source}: weight '{name}' uses quantization dtype '{storage}' (supported: uint8, uint16, float16).");
            return new TfjsWeightEntry(name, shape, dtype, storage, q["scale"]?.GetValue<double>() ?? 1, q["min"]?.GetValue<double>() ?? 0);
        }
        catch (Exception ex) when (ex is InvalidCastException or InvalidOperationException or FormatException or NullReferenceException)
        {
            throw new ModelFormatException($"{source}: malformed weights manifest entry {node?.ToJsonString()}.", ex);
        }
    }

    /// <summary>Decodes the entry's bytes to float32 values, as tfjs-core's <c>decodeWeight</c> does.</summary>
    public float[] Decode(ReadOnlySpan<byte> bytes)
    {
        var values = new float[Count];
        bool integer = DType == "int32";
        for (int i = 0; i < values.Length; i++)
        {
            double v = (StorageType ?? DType) switch
            {
                "float32" => BitConverter.ToSingle(bytes.Slice(i * 4, 4)),
                "int32" => BitConverter.ToInt32(bytes.Slice(i * 4, 4)),
                "bool" => bytes[i] != 0 ? 1 : 0,
                "float16" => (float)BitConverter.ToHalf(bytes.Slice(i * 2, 2)),
                "uint8" => bytes[i] * Scale + Min,
                "uint16" => BitConverter.ToUInt16(bytes.Slice(i * 2, 2)) * Scale + Min,
                _ => throw new InvalidOperationException(),
            };
            values[i] = (float)(integer && StorageType is "uint8" or "uint16" ? Math.Floor(v + 0.5) : v);
        }
        return values;
    }
}
