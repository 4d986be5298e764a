using DeepLearningPipelines.Nn.Onnx;
using DeepLearningPipelines.Nn.Onnx.Proto;
using Google.Protobuf;
using AttributeType = DeepLearningPipelines.Nn.Onnx.Proto.AttributeProto.Types.AttributeType;

namespace DeepLearningPipelines.Tests.Nn.Onnx;

/// <summary>Builds small ONNX models in memory for importer tests.</summary>
internal sealed class OnnxModelBuilder(int opset)
{
    public GraphProto Graph { get; } = new() { Name = "test" };

    public OnnxModelBuilder Input(string name, params long[] shape)
    {
        Graph.Input.Add(Value(name, shape));
        return this;
    }

    public OnnxModelBuilder Output(string name, params long[] shape)
    {
        Graph.Output.Add(Value(name, shape));
        return this;
    }

    public OnnxModelBuilder Floats(string name, float[] data, params int[] shape)
    {
        Graph.Initializer.Add(OnnxExporter.FloatTensor(name, data, shape));
        return this;
    }

    public OnnxModelBuilder Ints(string name, params int[] data)
    {
        Graph.Initializer.Add(OnnxExporter.IntTensor(name, data));
        return this;
    }

    public NodeProto Node(string opType, string[] inputs, string output, string? name = null)
    {
        var node = new NodeProto { OpType = opType, Name = name ?? output };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        Graph.Node.Add(node);
        return node;
    }

    public byte[] Build()
    {
        var model = new ModelProto { IrVersion = 7, Graph = Graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = opset });
        return model.ToByteArray();
    }

    private static ValueInfoProto Value(string name, long[] shape)
    {
        var s = new TensorShapeProto();
        foreach (long d in shape) s.Dim.Add(d < 0 ? new TensorShapeProto.Types.Dimension { DimParam = "N" } : new TensorShapeProto.Types.Dimension { DimValue = d });
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = 1, Shape = s } } };
    }
}

/// <summary>Attribute helpers for <see cref="NodeProto"/>.</summary>
internal static class NodeProtoExtensions
{
    public static NodeProto Int(this NodeProto node, string name, long value)
    {
        node.Attribute.Add(new AttributeProto { Name = name, Type = AttributeType.Int, I = value });
        return node;
    }

    public static NodeProto Float(this NodeProto node, string name, float value)
    {
        node.Attribute.Add(new AttributeProto { Name = name, Type = AttributeType.Float, F = value });
        return node;
    }

    public static NodeProto Ints(this NodeProto node, string name, params long[] values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeType.Ints };
        a.Ints.AddRange(values);
        node.Attribute.Add(a);
        return node;
    }

    public static NodeProto String(this NodeProto node, string name, string value)
    {
        node.Attribute.Add(new AttributeProto { Name = name, Type = AttributeType.String, S = ByteString.CopyFromUtf8(value) });
        return node;
    }
}
