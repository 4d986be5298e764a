using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Nn.Onnx.Proto;
using Google.Protobuf;

namespace DeepLearningPipelines.Nn.Onnx;

/// <summary>
/// Reads ONNX models (default-domain opsets 7–21) into a <see cref="ModelGraph"/>. Float16 and double
/// initializers are widened to float32; external data files are read relative to the model's folder (paths
/// escaping it are rejected). Graph inputs and outputs of any floating-point type are computed in float32.
/// Every problem is reported as a <see cref="ModelFormatException"/> naming the node or tensor.
/// </summary>
public static class OnnxImporter
{
    /// <summary>Oldest supported default-domain opset.</summary>
    public const int MinOpset = 7;

    /// <summary>Newest supported default-domain opset.</summary>
    public const int MaxOpset = 21;

    /// <summary>Loads a model file; external data is resolved relative to its folder.</summary>
    public static ModelGraph Load(string path)
    {
        if (!File.Exists(path)) throw new ModelFormatException($"ONNX model file '{path}' does not exist.");
        return Load(File.ReadAllBytes(path), Path.GetDirectoryName(Path.GetFullPath(path)), path);
    }

    /// <summary>Parses a serialized model; <paramref name="modelDirectory"/> is needed only for external data.</summary>
    public static ModelGraph Load(byte[] bytes, string? modelDirectory = null, string source = "ONNX model")
    {
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new ModelFormatException($"{source} is not a valid ONNX protobuf file: {ex.Message}", ex);
        }
        if (model.IrVersion <= 0 || model.Graph is null || model.Graph.Node.Count == 0)
            throw new ModelFormatException($"{source} is not an ONNX model (no IR version or empty graph).");
        int opset = Opset(model, source);
        return Convert(model.Graph, new OnnxTensorReader(modelDirectory), opset);
    }

    private static int Opset(ModelProto model, string source)
    {
        var entry = model.OpsetImport.FirstOrDefault(o => o.Domain is "" or "ai.onnx");
        if (entry is null) throw new ModelFormatException($"{source} does not import the default ONNX opset.");
        if (entry.Version < MinOpset || entry.Version > MaxOpset)
            throw new ModelFormatException($"{source} uses opset {entry.Version}; supported opsets are {MinOpset}–{MaxOpset}.");
        return (int)entry.Version;
    }

    private static ModelGraph Convert(GraphProto g, OnnxTensorReader reader, int opset)
    {
        var graph = new ModelGraph { Name = g.Name.Length > 0 ? g.Name : "graph" };
        var converter = new OnnxNodeConverter(graph, reader, opset);
        foreach (var init in g.Initializer)
        {
            if (OnnxTensorReader.IsFloat(init.DataType)) graph.Initializers[init.Name] = reader.ReadFloats(init);
            else if (OnnxTensorReader.IsInteger(init.DataType)) converter.AddIntConstant(init.Name, reader.ReadInts(init));
            else throw new ModelFormatException($"Initializer '{init.Name}' has unsupported element type {OnnxTensorReader.DataTypeName(init.DataType)}.");
        }
        var initializerNames = g.Initializer.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var input in g.Input.Where(i => !initializerNames.Contains(i.Name)))
            graph.Inputs.Add(ValueInfoOf(input));
        foreach (var output in g.Output) graph.Outputs.Add(ValueInfoOf(output));
        for (int i = 0; i < g.Node.Count; i++) converter.Convert(g.Node[i], i);
        ShapeInference.InferWithUnitBatch(graph, GraphSorter.Sort(graph));
        return graph;
    }

    private static ValueInfo ValueInfoOf(ValueInfoProto v)
    {
        var tensorType = v.Type?.TensorType ?? throw new ModelFormatException($"Graph value '{v.Name}' is not a tensor.");
        if (!OnnxTensorReader.IsFloat(tensorType.ElemType))
            throw new ModelFormatException($"Graph value '{v.Name}' has element type {OnnxTensorReader.DataTypeName(tensorType.ElemType)}; only floating-point inputs and outputs are supported.");
        int[] shape = tensorType.Shape?.Dim.Select(d => d.HasDimValue && d.DimValue >= 0 ? (int)Math.Min(d.DimValue, int.MaxValue) : -1).ToArray() ?? [];
        return new ValueInfo(v.Name, shape);
    }
}
