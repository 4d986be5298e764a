using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn;
using DeepLearningPipelines.Nn.Execution;
using DeepLearningPipelines.Nn.Onnx;
using DeepLearningPipelines.Nn.Onnx.Proto;
using Google.Protobuf;

namespace DeepLearningPipelines.Tests.Nn.Onnx;

/// <summary>Malformed, malicious or unsupported models fail with a precise <see cref="ModelFormatException"/>.</summary>
public class OnnxHostileInputTests
{
    private static string Fails(byte[] model, string? directory = null) =>
        Assert.Throws<ModelFormatException>(() => OnnxImporter.Load(model, directory)).Message;

    private static OnnxModelBuilder ReluModel(int opset = 13)
    {
        var b = new OnnxModelBuilder(opset).Input("x", 1, 4).Output("y", 1, 4);
        b.Node("Relu", ["x"], "y");
        return b;
    }

    [Fact]
    public void GarbageIsRejected()
    {
        var rng = new Random(7);
        var garbage = new byte[4096];
        rng.NextBytes(garbage);
        Assert.Contains("ONNX", Fails(garbage));
        Assert.Contains("ONNX", Fails([]));
        Assert.Contains("ONNX", Fails("not a model at all"u8.ToArray()));
    }

    [Fact]
    public void TruncatedModelIsRejected()
    {
        byte[] full = File.ReadAllBytes(SqueezeNetTests.ModelPath);
        Assert.Contains("not a valid ONNX protobuf", Fails(full[..(full.Length / 2)]));
    }

    [Fact]
    public void HugeDeclaredSizeIsCheckedBeforeAllocating()
    {
        var b = ReluModel();
        var t = new TensorProto { Name = "big", DataType = 1, RawData = ByteString.CopyFrom(new byte[16]) };
        t.Dims.Add(1L << 20);
        t.Dims.Add(1L << 20);
        b.Graph.Initializer.Add(t);
        string message = Fails(b.Build());
        Assert.Contains("'big'", message);
        Assert.Contains("more than an array can hold", message);

        t.Dims[0] = 1 << 14;
        t.Dims[1] = 1 << 14;
        message = Fails(b.Build());
        Assert.Contains("'big'", message);
        Assert.Contains("raw_data holds 16 bytes", message);
    }

    [Fact]
    public void NegativeDimensionIsRejected()
    {
        var b = ReluModel();
        var t = new TensorProto { Name = "neg", DataType = 1 };
        t.Dims.Add(-4);
        b.Graph.Initializer.Add(t);
        Assert.Contains("'neg' has invalid dimension -4", Fails(b.Build()));
    }

    [Fact]
    public void CycleIsNamed()
    {
        var b = new OnnxModelBuilder(13).Input("x", 1, 4).Output("y", 1, 4);
        b.Node("Add", ["x", "c"], "a");
        b.Node("Relu", ["a"], "c");
        b.Node("Relu", ["c"], "y");
        string message = Fails(b.Build());
        Assert.Contains("cycle", message);
        Assert.Contains("'a'", message);
    }

    [Fact]
    public void MissingInitializerIsNamed()
    {
        var b = new OnnxModelBuilder(13).Input("x", 1, 3, 8, 8).Output("y", 1, 4, 6, 6);
        b.Node("Conv", ["x", "W"], "y", name: "conv1");
        Assert.Contains("node 'conv1' (Conv) reads 'W', which is not a graph input, an initializer or any node's output", Fails(b.Build()));
    }

    [Fact]
    public void ShapeMismatchNamesNodeAndShapes()
    {
        var b = new OnnxModelBuilder(13).Input("x", 1, 3, 8, 8).Output("y", 1, 4, 6, 6);
        b.Floats("W", new float[4 * 2 * 9], 4, 2, 3, 3);
        b.Node("Conv", ["x", "W"], "y", name: "conv1");
        string message = Fails(b.Build());
        Assert.Contains("node 'conv1' (Conv)", message);
        Assert.Contains("[1,3,8,8]", message);
        Assert.Contains("[4,2,3,3]", message);
    }

    [Fact]
    public void UnsupportedOperatorNamesNodeTypeAndOpset()
    {
        var b = new OnnxModelBuilder(15).Input("x", 1, 4).Output("y", 1, 4);
        b.Node("LSTM", ["x"], "y", name: "rnn");
        Assert.Equal("Node 'rnn' uses operator 'LSTM' (opset 15), which is not supported.", Fails(b.Build()));
    }

    [Theory]
    [InlineData(6)]
    [InlineData(22)]
    public void OpsetOutsideRangeIsRejected(int opset) =>
        Assert.Contains($"uses opset {opset}; supported opsets are 7–21", Fails(ReluModel(opset).Build()));

    [Fact]
    public void RunTimeInputShapeIsChecked()
    {
        using var executor = new GraphExecutor(OnnxImporter.Load(SqueezeNetTests.ModelPath));
        var ex = Assert.Throws<ArgumentException>(() => executor.Run(new Tensor(1, 3, 200, 224)));
        Assert.Contains("Input 'data_0': expected [1,3,224,224], got [1,3,200,224]", ex.Message);
    }

    [Fact]
    public void ExternalDataIsReadRelativeToTheModelAndConfined()
    {
        string dir = Directory.CreateTempSubdirectory("dlp-ext-").FullName;
        try
        {
            float[] bias = [1f, -2f, 3f, -4f];
            var bytes = new byte[8 + 16];
            Buffer.BlockCopy(bias, 0, bytes, 8, 16);
            File.WriteAllBytes(Path.Combine(dir, "weights.bin"), bytes);
            File.WriteAllBytes(Path.Combine(Path.GetDirectoryName(dir)!, "outside.bin"), bytes);

            byte[] Model(string location, string offset, string? length = null)
            {
                var b = new OnnxModelBuilder(13).Input("x", 1, 4).Output("y", 1, 4);
                var t = new TensorProto { Name = "b", DataType = 1, DataLocation = TensorProto.Types.DataLocation.External };
                t.Dims.Add(4);
                t.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = location });
                t.ExternalData.Add(new StringStringEntryProto { Key = "offset", Value = offset });
                if (length is not null) t.ExternalData.Add(new StringStringEntryProto { Key = "length", Value = length });
                b.Graph.Initializer.Add(t);
                b.Node("Add", ["x", "b"], "y");
                return b.Build();
            }

            using (var executor = new GraphExecutor(OnnxImporter.Load(Model("weights.bin", "8", "16"), dir)))
            using (var y = executor.Run(new Tensor(new float[4], 1, 4)))
                Assert.Equal(bias, y.ToArray());

            Assert.Contains("outside the model folder", Fails(Model("../outside.bin", "8"), dir));
            Assert.Contains("absolute external data path", Fails(Model(Path.Combine(dir, "weights.bin"), "8"), dir));
            Assert.Contains("exceeds file 'weights.bin' (24 bytes)", Fails(Model("weights.bin", "16"), dir));
            Assert.Contains("missing external data file", Fails(Model("nope.bin", "0"), dir));
            Assert.Contains("external data length is 8", Fails(Model("weights.bin", "0", "8"), dir));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
            File.Delete(Path.Combine(Path.GetDirectoryName(dir)!, "outside.bin"));
        }
    }
}
