using System.Runtime.InteropServices;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Nn.Onnx.Proto;
using Google.Protobuf;
using AttributeType = DeepLearningPipelines.Nn.Onnx.Proto.AttributeProto.Types.AttributeType;
using DataType = DeepLearningPipelines.Nn.Onnx.Proto.TensorProto.Types.DataType;

namespace DeepLearningPipelines.Nn.Onnx;

/// <summary>
/// Writes a <see cref="ModelGraph"/> as an ONNX model (IR 8, default-domain opset 14) with float32 initializers in
/// <c>raw_data</c>. IR-only forms are expanded into standard operators: a Conv's fused residual and activation
/// become Add and Relu/Clip nodes, SiLU becomes Sigmoid·Mul, and an opset-&lt;13 style (<c>coerce_2d</c>) Softmax becomes
/// Flatten→Softmax→Reshape unless the dimensions after its axis are all 1. Dynamic dimensions are written as <c>N</c>.
/// </summary>
public static class OnnxExporter
{
    /// <summary>The opset the exported models import.</summary>
    public const int Opset = 14;

    /// <summary>
    /// Whether the exporter writes <paramref name="op"/> as standard ONNX: every operator of the IR is written (some in
    /// special forms, the rest under their own name), so only a value outside <see cref="OpKind"/> is refused.
    /// </summary>
    public static bool CanWrite(OpKind op) => Enum.IsDefined(op);

    /// <summary>Writes the model to <paramref name="path"/>.</summary>
    public static void Save(ModelGraph graph, string path) => File.WriteAllBytes(path, ToBytes(graph));

    /// <summary>Serializes the model.</summary>
    public static byte[] ToBytes(ModelGraph graph)
    {
        var shapes = ShapeInference.InferWithUnitBatch(graph, GraphSorter.Sort(graph));
        var g = new GraphProto { Name = graph.Name };
        foreach (var input in graph.Inputs) g.Input.Add(ValueInfoOf(input));
        foreach (var output in graph.Outputs) g.Output.Add(ValueInfoOf(output));
        foreach (var (name, tensor) in graph.Initializers) g.Initializer.Add(FloatTensor(name, tensor.Span, tensor.Shape));
        var writer = new NodeWriter(g, shapes);
        foreach (var node in GraphSorter.Sort(graph)) writer.Write(node);

        var model = new ModelProto { IrVersion = 8, ProducerName = "DeepLearningPipelines", Graph = g };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        return model.ToByteArray();
    }

    private static ValueInfoProto ValueInfoOf(ValueInfo v)
    {
        var shape = new TensorShapeProto();
        foreach (int d in v.Shape)
            shape.Dim.Add(d < 0 ? new TensorShapeProto.Types.Dimension { DimParam = "N" } : new TensorShapeProto.Types.Dimension { DimValue = d });
        return new ValueInfoProto
        {
            Name = v.Name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)DataType.Float, Shape = shape } },
        };
    }

    internal static TensorProto FloatTensor(string name, ReadOnlySpan<float> data, ReadOnlySpan<int> shape)
    {
        var t = new TensorProto { Name = name, DataType = (int)DataType.Float, RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(data)) };
        foreach (int d in shape) t.Dims.Add(d);
        return t;
    }

    internal static TensorProto IntTensor(string name, int[] data)
    {
        var t = new TensorProto { Name = name, DataType = (int)DataType.Int64 };
        t.Dims.Add(data.Length);
        foreach (int v in data) t.Int64Data.Add(v);
        return t;
    }

    /// <summary>Emits the ONNX nodes for one IR node, adding helper initializers with names derived from the node.</summary>
    private sealed class NodeWriter(GraphProto g, Dictionary<string, int[]> shapes)
    {
        /// <summary>The ONNX (opset 14) attributes of each operator written with its IR attributes; others are IR-only.</summary>
        private static readonly Dictionary<OpKind, string[]> OnnxAttributes = new()
        {
            [OpKind.Conv] = ["kernel_shape", "strides", "pads", "dilations", "group", "auto_pad"],
            [OpKind.Gemm] = ["alpha", "beta", "transA", "transB"],
            [OpKind.BatchNormalization] = ["epsilon"],
            [OpKind.MaxPool] = ["kernel_shape", "strides", "pads", "dilations", "ceil_mode", "auto_pad"],
            [OpKind.AveragePool] = ["kernel_shape", "strides", "pads", "ceil_mode", "count_include_pad", "auto_pad"],
            [OpKind.Concat] = ["axis"],
            [OpKind.Flatten] = ["axis"],
            [OpKind.Transpose] = ["perm"],
        };

        public void Write(Node node)
        {
            string input = node.Input(0), output = node.Outputs[0];
            switch (node.Op)
            {
                case OpKind.Conv:
                {
                    float min = node.Attributes.GetFloat("activation_min", float.NegativeInfinity);
                    float max = node.Attributes.GetFloat("activation_max", float.PositiveInfinity);
                    bool fused = min != float.NegativeInfinity || max != float.PositiveInfinity;
                    string residual = node.Input(3);
                    string convOut = fused || residual.Length > 0 ? Fresh(output + "_conv") : output;
                    Emit(node.Name, "Conv", node.Inputs.Take(3).Where((name, i) => i < 2 || name.Length > 0), convOut, OnnxAttributesOf(node));
                    if (residual.Length > 0)
                    {
                        string sum = fused ? Fresh(output + "_sum") : output;
                        Emit(node.Name + "_add", "Add", [convOut, residual], sum);
                        convOut = sum;
                    }
                    if (fused) WriteClamp(node.Name + "_act", convOut, output, min, max);
                    break;
                }
                case OpKind.Clip:
                    WriteClamp(node.Name, input, output, node.Attributes.GetFloat("min", float.NegativeInfinity), node.Attributes.GetFloat("max", float.PositiveInfinity));
                    break;
                case OpKind.Silu:
                {
                    string sigmoid = Fresh(output + "_sigmoid");
                    Emit(node.Name + "_sigmoid", "Sigmoid", [input], sigmoid);
                    Emit(node.Name, "Mul", [input, sigmoid], output);
                    break;
                }
                case OpKind.Softmax:
                    WriteSoftmax(node, input, output);
                    break;
                case OpKind.Reshape:
                    Emit(node.Name, "Reshape", [input, IntInitializer(node.Name + "_shape", node.Attributes.GetInts("shape")!)], output);
                    break;
                case OpKind.Squeeze:
                case OpKind.Unsqueeze:
                {
                    int[]? axes = node.Attributes.GetInts("axes");
                    List<string> inputs = axes is null ? [input] : [input, IntInitializer(node.Name + "_axes", axes)];
                    Emit(node.Name, node.Op.ToString(), inputs, output);
                    break;
                }
                case OpKind.Pad:
                {
                    string pads = IntInitializer(node.Name + "_pads", node.Attributes.GetInts("pads")!);
                    string value = ScalarInitializer(node.Name + "_value", node.Attributes.GetFloat("value", 0f));
                    Emit(node.Name, "Pad", [input, pads, value], output);
                    break;
                }
                case OpKind.Slice:
                {
                    var a = node.Attributes;
                    int[] starts = a.GetInts("starts")!;
                    string axes = IntInitializer(node.Name + "_axes", a.GetInts("axes") ?? Enumerable.Range(0, starts.Length).ToArray());
                    Emit(node.Name, "Slice", [input, IntInitializer(node.Name + "_starts", starts), IntInitializer(node.Name + "_ends", a.GetInts("ends")!), axes], output);
                    break;
                }
                case OpKind.Dropout:
                case OpKind.Identity:
                    Emit(node.Name, "Identity", [input], output);
                    break;
                default:
                    Emit(node.Name, node.Op.ToString(), node.Inputs, output, OnnxAttributesOf(node));
                    break;
            }
        }

        private static NodeAttributes OnnxAttributesOf(Node node)
        {
            var attrs = new NodeAttributes();
            foreach (var name in OnnxAttributes.GetValueOrDefault(node.Op, []))
                if (node.Attributes.Contains(name))
                    switch (node.Attributes.Get(name))
                    {
                        case int i: attrs.Set(name, i); break;
                        case float f: attrs.Set(name, f); break;
                        case string s: attrs.Set(name, s); break;
                        case int[] ints: attrs.Set(name, ints); break;
                        case float[] floats: attrs.Set(name, floats); break;
                    }
            return attrs;
        }

        private void WriteClamp(string name, string input, string output, float min, float max)
        {
            if (min == 0f && max == float.PositiveInfinity)
            {
                Emit(name, "Relu", [input], output);
                return;
            }
            string minName = min == float.NegativeInfinity ? "" : ScalarInitializer(name + "_min", min);
            string maxName = max == float.PositiveInfinity ? "" : ScalarInitializer(name + "_max", max);
            Emit(name, "Clip", [input, minName, maxName], output);
        }

        private void WriteSoftmax(Node node, string input, string output)
        {
            int[] shape = shapes[input];
            int axis = ShapeInference.Axis(node.Attributes.GetInt("axis", -1), shape.Length);
            var attrs = new NodeAttributes().Set("axis", axis);
            if (node.Attributes.GetInt("coerce_2d", 0) == 0 || shape.Skip(axis + 1).All(d => d == 1))
            {
                Emit(node.Name, "Softmax", [input], output, attrs);
                return;
            }
            string flat = Fresh(output + "_flat"), soft = Fresh(output + "_2d");
            Emit(node.Name + "_flatten", "Flatten", [input], flat, new NodeAttributes().Set("axis", axis));
            Emit(node.Name, "Softmax", [flat], soft, new NodeAttributes().Set("axis", 1));
            Emit(node.Name + "_reshape", "Reshape", [soft, IntInitializer(node.Name + "_shape", [-1, .. shape[1..]])], output);
        }

        private void Emit(string name, string opType, IEnumerable<string> inputs, string output, NodeAttributes? attrs = null)
        {
            var p = new NodeProto { Name = name, OpType = opType };
            p.Input.AddRange(inputs);
            p.Output.Add(output);
            if (attrs is not null)
                foreach (var attrName in attrs.Names)
                    p.Attribute.Add(Attribute(name, attrName, attrs.Get(attrName)));
            g.Node.Add(p);
        }

        private static AttributeProto Attribute(string node, string name, object value)
        {
            var a = new AttributeProto { Name = name };
            switch (value)
            {
                case int i: a.Type = AttributeType.Int; a.I = i; break;
                case float f: a.Type = AttributeType.Float; a.F = f; break;
                case string s: a.Type = AttributeType.String; a.S = ByteString.CopyFromUtf8(s); break;
                case int[] ints: a.Type = AttributeType.Ints; foreach (int v in ints) a.Ints.Add(v); break;
                case float[] floats: a.Type = AttributeType.Floats; a.Floats.AddRange(floats); break;
                default: throw new ModelFormatException($"Node '{node}': attribute '{name}' of type {value.GetType().Name} cannot be exported.");
            }
            return a;
        }

        private string IntInitializer(string name, int[] values)
        {
            name = Fresh(name);
            g.Initializer.Add(IntTensor(name, values));
            return name;
        }

        private string ScalarInitializer(string name, float value)
        {
            name = Fresh(name);
            g.Initializer.Add(FloatTensor(name, [value], []));
            return name;
        }

        private string Fresh(string name)
        {
            string candidate = name;
            for (int i = 1; shapes.ContainsKey(candidate) || g.Initializer.Any(t => t.Name == candidate) || g.Node.Any(n => n.Output.Contains(candidate)); i++)
                candidate = $"{name}_{i}";
            shapes[candidate] = [];
            return candidate;
        }
    }
}
