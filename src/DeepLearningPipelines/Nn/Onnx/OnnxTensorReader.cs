using System.Buffers.Binary;
using System.Runtime.InteropServices;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Onnx.Proto;
using DataType = DeepLearningPipelines.Nn.Onnx.Proto.TensorProto.Types.DataType;

namespace DeepLearningPipelines.Nn.Onnx;

/// <summary>
/// Decodes ONNX <c>TensorProto</c>s: float32/float16/double as float32, int32/int64 as long. Data may be in
/// <c>raw_data</c>, the typed fields or an external file relative to the model folder. Declared sizes are checked
/// against the bytes actually present before anything is allocated. Assumes a little-endian host.
/// </summary>
internal sealed class OnnxTensorReader(string? modelDirectory)
{
    /// <summary>True for element types decoded by <see cref="ReadFloats"/>.</summary>
    public static bool IsFloat(int dataType) => dataType is (int)DataType.Float or (int)DataType.Float16 or (int)DataType.Double;

    /// <summary>True for element types decoded by <see cref="ReadInts"/>.</summary>
    public static bool IsInteger(int dataType) => dataType is (int)DataType.Int64 or (int)DataType.Int32;

    /// <summary>The tensor's dimensions, checked to be non-negative and to fit an array.</summary>
    public static int[] Shape(TensorProto t)
    {
        var dims = new int[t.Dims.Count];
        long count = 1;
        for (int i = 0; i < dims.Length; i++)
        {
            long d = t.Dims[i];
            if (d < 0 || d > Array.MaxLength) throw Bad(t, $"has invalid dimension {d}");
            count *= d;
            if (count > Array.MaxLength) throw Bad(t, $"declares {string.Join("x", t.Dims)} elements, more than an array can hold");
            dims[i] = (int)d;
        }
        return dims;
    }

    /// <summary>Decodes a float32, float16 or double tensor to float32.</summary>
    public Tensor ReadFloats(TensorProto t)
    {
        int[] shape = Shape(t);
        int count = Tensor.ElementCount(shape);
        var result = new float[count];
        switch ((DataType)t.DataType)
        {
            case DataType.Float:
                if (TryBytes(t, count, 4, out var f32)) MemoryMarshal.Cast<byte, float>(f32).CopyTo(result);
                else { Typed(t, t.FloatData.Count, count); t.FloatData.CopyTo(result, 0); }
                break;
            case DataType.Float16:
                if (TryBytes(t, count, 2, out var f16))
                    for (int i = 0; i < count; i++) result[i] = (float)BitConverter.UInt16BitsToHalf(BinaryPrimitives.ReadUInt16LittleEndian(f16.Slice(2 * i)));
                else
                {
                    Typed(t, t.Int32Data.Count, count);
                    for (int i = 0; i < count; i++) result[i] = (float)BitConverter.UInt16BitsToHalf((ushort)t.Int32Data[i]);
                }
                break;
            case DataType.Double:
                if (TryBytes(t, count, 8, out var f64))
                    for (int i = 0; i < count; i++) result[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(f64.Slice(8 * i));
                else
                {
                    Typed(t, t.DoubleData.Count, count);
                    for (int i = 0; i < count; i++) result[i] = (float)t.DoubleData[i];
                }
                break;
            default:
                throw Bad(t, $"has element type {DataTypeName(t.DataType)}, expected a floating-point type");
        }
        return new Tensor(result, shape);
    }

    /// <summary>Decodes an int32 or int64 tensor (shapes, axes, pads).</summary>
    public long[] ReadInts(TensorProto t)
    {
        int count = Tensor.ElementCount(Shape(t));
        var result = new long[count];
        switch ((DataType)t.DataType)
        {
            case DataType.Int64:
                if (TryBytes(t, count, 8, out var i64))
                    for (int i = 0; i < count; i++) result[i] = BinaryPrimitives.ReadInt64LittleEndian(i64.Slice(8 * i));
                else { Typed(t, t.Int64Data.Count, count); t.Int64Data.CopyTo(result, 0); }
                break;
            case DataType.Int32:
                if (TryBytes(t, count, 4, out var i32))
                    for (int i = 0; i < count; i++) result[i] = BinaryPrimitives.ReadInt32LittleEndian(i32.Slice(4 * i));
                else { Typed(t, t.Int32Data.Count, count); for (int i = 0; i < count; i++) result[i] = t.Int32Data[i]; }
                break;
            default:
                throw Bad(t, $"has element type {DataTypeName(t.DataType)}, expected int32 or int64");
        }
        return result;
    }

    /// <summary>Readable name of an ONNX element type.</summary>
    public static string DataTypeName(int dataType) => Enum.IsDefined((DataType)dataType) ? ((DataType)dataType).ToString().ToLowerInvariant() : $"#{dataType}";

    private bool TryBytes(TensorProto t, int count, int elementSize, out ReadOnlySpan<byte> bytes)
    {
        long expected = (long)count * elementSize;
        if (t.DataLocation == TensorProto.Types.DataLocation.External)
        {
            bytes = ReadExternal(t, expected);
            return true;
        }
        if (!t.HasRawData)
        {
            bytes = default;
            return false;
        }
        if (t.RawData.Length != expected) throw Bad(t, $"declares shape [{string.Join(",", t.Dims)}] ({expected} bytes) but raw_data holds {t.RawData.Length} bytes");
        bytes = t.RawData.Span;
        return true;
    }

    private static void Typed(TensorProto t, int present, int expected)
    {
        if (present != expected) throw Bad(t, $"declares shape [{string.Join(",", t.Dims)}] ({expected} values) but holds {present} values");
    }

    private byte[] ReadExternal(TensorProto t, long expected)
    {
        var entries = t.ExternalData.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        if (!entries.TryGetValue("location", out var location) || location.Length == 0) throw Bad(t, "has external data without a location");
        if (modelDirectory is null) throw Bad(t, "has external data but the model was not loaded from a file");
        if (Path.IsPathRooted(location)) throw Bad(t, $"has an absolute external data path '{location}'");
        string root = Path.GetFullPath(modelDirectory);
        string path = Path.GetFullPath(Path.Combine(root, location));
        if (!path.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw Bad(t, $"has external data path '{location}' outside the model folder");
        if (!File.Exists(path)) throw Bad(t, $"refers to missing external data file '{location}'");
        long offset = entries.TryGetValue("offset", out var o) ? ParseLong(t, o, "offset") : 0;
        long length = entries.TryGetValue("length", out var l) ? ParseLong(t, l, "length") : expected;
        if (length != expected) throw Bad(t, $"declares {expected} bytes but its external data length is {length}");
        using var stream = File.OpenRead(path);
        if (offset < 0 || offset > stream.Length || stream.Length - offset < length)
            throw Bad(t, $"external data range {offset}+{length} exceeds file '{location}' ({stream.Length} bytes)");
        var buffer = new byte[length];
        stream.Position = offset;
        stream.ReadExactly(buffer);
        return buffer;
    }

    private static long ParseLong(TensorProto t, string text, string key) =>
        long.TryParse(text, System.Globalization.NumberStyles.None, null, out long v) ? v : throw Bad(t, $"has invalid external data {key} '{text}'");

    private static ModelFormatException Bad(TensorProto t, string problem) => new($"Tensor '{t.Name}' {problem}.");
}
