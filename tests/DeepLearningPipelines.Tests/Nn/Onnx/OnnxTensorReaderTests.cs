using DeepLearningPipelines.Nn.Onnx;
using DeepLearningPipelines.Nn.Onnx.Proto;
using Google.Protobuf;

namespace DeepLearningPipelines.Tests.Nn.Onnx;

public class OnnxTensorReaderTests
{
    private static readonly float[] Values = [1.5f, -2f, 0.25f, 65504f, -0.0009765625f, 3f];

    private static TensorProto Proto(int dataType)
    {
        var t = new TensorProto { Name = "t", DataType = dataType };
        t.Dims.Add(2);
        t.Dims.Add(3);
        return t;
    }

    [Fact]
    public void Float32FromTypedFieldAndRawData()
    {
        var typed = Proto(1);
        typed.FloatData.AddRange(Values);
        var raw = Proto(1);
        raw.RawData = ByteString.CopyFrom(Values.SelectMany(BitConverter.GetBytes).ToArray());
        var reader = new OnnxTensorReader(null);
        Assert.Equal(Values, reader.ReadFloats(typed).ToArray());
        Assert.Equal(Values, reader.ReadFloats(raw).ToArray());
        Assert.Equal([2, 3], reader.ReadFloats(raw).Shape);
    }

    [Fact]
    public void Float16FromInt32FieldAndRawDataIsWidenedExactly()
    {
        // All values are exactly representable in float16, so widening must reproduce them bit for bit.
        ushort[] bits = Values.Select(v => BitConverter.HalfToUInt16Bits((Half)v)).ToArray();
        var typed = Proto(10);
        typed.Int32Data.AddRange(bits.Select(b => (int)b));
        var raw = Proto(10);
        raw.RawData = ByteString.CopyFrom(bits.SelectMany(BitConverter.GetBytes).ToArray());
        var reader = new OnnxTensorReader(null);
        Assert.Equal(Values, reader.ReadFloats(typed).ToArray());
        Assert.Equal(Values, reader.ReadFloats(raw).ToArray());
    }

    [Fact]
    public void DoubleAndIntegerTensors()
    {
        var d = Proto(11);
        d.DoubleData.AddRange(Values.Select(v => (double)v));
        var i64 = Proto(7);
        i64.Int64Data.AddRange([1, -2, 3, long.MaxValue, 0, 5]);
        var i32 = Proto(6);
        i32.RawData = ByteString.CopyFrom(new[] { 1, -2, 3, 4, 0, 5 }.SelectMany(BitConverter.GetBytes).ToArray());
        var reader = new OnnxTensorReader(null);
        Assert.Equal(Values, reader.ReadFloats(d).ToArray());
        Assert.Equal([1, -2, 3, long.MaxValue, 0, 5], reader.ReadInts(i64));
        Assert.Equal([1, -2, 3, 4, 0, 5], reader.ReadInts(i32));
    }

    [Fact]
    public void TypedFieldCountMustMatchShape()
    {
        var typed = Proto(1);
        typed.FloatData.AddRange(Values.Take(5));
        var ex = Assert.Throws<DeepLearningPipelines.Core.ModelFormatException>(() => new OnnxTensorReader(null).ReadFloats(typed));
        Assert.Equal("Tensor 't' declares shape [2,3] (6 values) but holds 5 values.", ex.Message);
    }
}
