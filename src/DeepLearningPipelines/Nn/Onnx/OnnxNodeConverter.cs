using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Nn.Onnx.Proto;

namespace DeepLearningPipelines.Nn.Onnx;

/// <summary>
/// Maps ONNX nodes (default domain, opsets 7–21) to IR nodes, normalising old forms: constant inputs that
/// later opsets introduced (Clip min/max, Reshape shape, Squeeze/Unsqueeze axes, Pad pads) become attributes,
/// opset-&lt;13 Softmax is marked <c>coerce_2d</c>, and Split becomes one Slice per output.
/// </summary>
internal sealed class OnnxNodeConverter(ModelGraph graph, OnnxTensorReader reader, int opset)
{
    private readonly Dictionary<string, long[]> _intConstants = new(StringComparer.Ordinal);

    /// <summary>Records an integer initializer or Constant so that shape-like inputs can be folded into attributes.</summary>
    public void AddIntConstant(string name, long[] values) => _intConstants[name] = values;

    /// <summary>Converts one node and appends it to the graph (Constant nodes become initializers).</summary>
    public void Convert(NodeProto p, int index)
    {
        string name = p.Name.Length > 0 ? p.Name : $"{p.OpType}_{index}";
        if (p.Domain is not ("" or "ai.onnx")) throw Unsupported(p, name);
        if (p.Output.Count == 0) throw new ModelFormatException($"Node '{name}' ({p.OpType}) has no outputs.");
        var attrs = new NodeAttributes();
        var inputs = p.Input.ToList();
        string output = p.Output[0];
        OpKind op;
        switch (p.OpType)
        {
            case "Constant":
                AddConstant(p, name);
                return;
            case "Conv":
                op = OpKind.Conv;
                CopyInts(p, attrs, "kernel_shape", "strides", "pads", "dilations");
                CopyInt(p, attrs, "group");
                CopyString(p, attrs, "auto_pad");
                break;
            case "Gemm":
                op = OpKind.Gemm;
                CopyFloat(p, attrs, "alpha"); CopyFloat(p, attrs, "beta"); CopyInt(p, attrs, "transA"); CopyInt(p, attrs, "transB");
                break;
            case "MatMul": op = OpKind.MatMul; break;
            case "BatchNormalization":
                op = OpKind.BatchNormalization;
                if (Int(p, "spatial", 1) != 1) throw new ModelFormatException($"Node '{name}' (BatchNormalization): spatial=0 is not supported.");
                if (Int(p, "training_mode", 0) != 0) throw new ModelFormatException($"Node '{name}' (BatchNormalization): training_mode is not supported.");
                CopyFloat(p, attrs, "epsilon");
                break;
            case "Relu": op = OpKind.Relu; break;
            case "Sigmoid": op = OpKind.Sigmoid; break;
            case "Tanh": op = OpKind.Tanh; break;
            case "HardSwish": op = OpKind.HardSwish; break;
            case "Clip":
                op = OpKind.Clip;
                if (opset < 11)
                {
                    CopyFloat(p, attrs, "min"); CopyFloat(p, attrs, "max");
                }
                else
                {
                    if (p.Input.Count > 1 && p.Input[1].Length > 0) attrs.Set("min", FloatConstant(p, name, 1));
                    if (p.Input.Count > 2 && p.Input[2].Length > 0) attrs.Set("max", FloatConstant(p, name, 2));
                    inputs = [p.Input[0]];
                }
                break;
            case "Softmax":
                op = OpKind.Softmax;
                attrs.Set("axis", Int(p, "axis", opset < 13 ? 1 : -1));
                if (opset < 13) attrs.Set("coerce_2d", 1);
                break;
            case "Add": op = OpKind.Add; break;
            case "Sub": op = OpKind.Sub; break;
            case "Mul": op = OpKind.Mul; break;
            case "Div": op = OpKind.Div; break;
            case "MaxPool":
            case "AveragePool":
                op = p.OpType == "MaxPool" ? OpKind.MaxPool : OpKind.AveragePool;
                CopyInts(p, attrs, "kernel_shape", "strides", "pads", "dilations");
                CopyInt(p, attrs, "ceil_mode"); CopyInt(p, attrs, "count_include_pad");
                CopyString(p, attrs, "auto_pad");
                if (Int(p, "storage_order", 0) != 0) throw new ModelFormatException($"Node '{name}' (MaxPool): storage_order=1 is not supported.");
                break;
            case "GlobalAveragePool": op = OpKind.GlobalAveragePool; break;
            case "Concat": op = OpKind.Concat; attrs.Set("axis", Int(p, "axis", 1)); break;
            case "Flatten": op = OpKind.Flatten; attrs.Set("axis", Int(p, "axis", 1)); break;
            case "Reshape":
                op = OpKind.Reshape;
                if (Int(p, "allowzero", 0) != 0) throw new ModelFormatException($"Node '{name}' (Reshape): allowzero=1 is not supported.");
                attrs.Set("shape", IntConstant(p, name, 1));
                inputs = [p.Input[0]];
                break;
            case "Transpose": op = OpKind.Transpose; CopyInts(p, attrs, "perm"); break;
            case "Squeeze":
            case "Unsqueeze":
                op = p.OpType == "Squeeze" ? OpKind.Squeeze : OpKind.Unsqueeze;
                if (opset < 13) CopyInts(p, attrs, "axes");
                else if (p.Input.Count > 1 && p.Input[1].Length > 0) attrs.Set("axes", IntConstant(p, name, 1));
                inputs = [p.Input[0]];
                break;
            case "Pad":
                op = OpKind.Pad;
                string mode = Attr(p, "mode")?.S.ToStringUtf8() ?? "constant";
                if (mode != "constant") throw new ModelFormatException($"Node '{name}' (Pad): mode '{mode}' is not supported, only 'constant'.");
                if (opset < 11)
                {
                    CopyInts(p, attrs, "pads");
                    CopyFloat(p, attrs, "value");
                }
                else
                {
                    if (p.Input.Count > 3 && p.Input[3].Length > 0) throw new ModelFormatException($"Node '{name}' (Pad): the axes input is not supported.");
                    attrs.Set("pads", IntConstant(p, name, 1));
                    if (p.Input.Count > 2 && p.Input[2].Length > 0) attrs.Set("value", FloatConstant(p, name, 2));
                }
                inputs = [p.Input[0]];
                break;
            case "Dropout":
                op = OpKind.Dropout;
                inputs = [p.Input[0]];
                break;
            case "Identity": op = OpKind.Identity; break;
            case "Slice":
                op = OpKind.Slice;
                ConvertSlice(p, name, attrs);
                inputs = [p.Input[0]];
                break;
            case "Split":
                ConvertSplit(p, name);
                return;
            default:
                throw Unsupported(p, name);
        }
        if (p.Output.Skip(1).Any(o => o.Length > 0 && graph.Outputs.Any(g => g.Name == o)))
            throw new ModelFormatException($"Node '{name}' ({p.OpType}): only its first output is supported, but a later one is a graph output.");
        graph.Nodes.Add(new Node(name, op, inputs, [output], attrs));
    }

    private void ConvertSlice(NodeProto p, string name, NodeAttributes attrs)
    {
        if (opset < 10)
        {
            CopyInts(p, attrs, "starts", "ends", "axes");
            return;
        }
        attrs.Set("starts", IntConstant(p, name, 1));
        attrs.Set("ends", IntConstant(p, name, 2));
        if (p.Input.Count > 3 && p.Input[3].Length > 0) attrs.Set("axes", IntConstant(p, name, 3));
        if (p.Input.Count > 4 && p.Input[4].Length > 0 && IntConstant(p, name, 4).Any(step => step != 1))
            throw new ModelFormatException($"Node '{name}' (Slice): steps other than 1 are not supported.");
    }

    /// <summary>Split becomes one Slice per named output along <c>axis</c>, at the offsets its <c>split</c> sizes give.</summary>
    private void ConvertSplit(NodeProto p, string name)
    {
        int axis = Int(p, "axis", 0);
        int[]? sizes = opset < 13
            ? Attr(p, "split")?.Ints.Select(x => (int)x).ToArray()
            : p.Input.Count > 1 && p.Input[1].Length > 0 ? IntConstant(p, name, 1) : null;
        if (sizes is { Length: 0 }) sizes = null;
        if (sizes is not null && sizes.Length != p.Output.Count)
            throw new ModelFormatException($"Node '{name}' (Split): {sizes.Length} split sizes for {p.Output.Count} outputs.");
        if (sizes is null)
            throw new ModelFormatException($"Node '{name}' (Split): equal parts without explicit 'split' sizes are not supported.");
        int start = 0;
        for (int i = 0; i < sizes.Length; i++)
        {
            if (sizes[i] < 0) throw new ModelFormatException($"Node '{name}' (Split): negative split size {sizes[i]}.");
            if (p.Output[i].Length > 0)
                graph.Nodes.Add(new Node($"{name}_{i}", OpKind.Slice, [p.Input[0]], [p.Output[i]],
                    new NodeAttributes().Set("starts", [start]).Set("ends", [start + sizes[i]]).Set("axes", [axis])));
            start += sizes[i];
        }
    }

    private void AddConstant(NodeProto p, string name)
    {
        string output = p.Output[0];
        var a = p.Attribute.FirstOrDefault() ?? throw new ModelFormatException($"Node '{name}' (Constant) has no value.");
        switch (a.Name)
        {
            case "value" when OnnxTensorReader.IsFloat(a.T.DataType):
                graph.Initializers[output] = reader.ReadFloats(a.T);
                break;
            case "value" when OnnxTensorReader.IsInteger(a.T.DataType):
                _intConstants[output] = reader.ReadInts(a.T);
                break;
            case "value_float": graph.Initializers[output] = new Tensor([a.F]); break;
            case "value_floats": graph.Initializers[output] = new Tensor(a.Floats.ToArray(), a.Floats.Count); break;
            case "value_int": _intConstants[output] = [a.I]; break;
            case "value_ints": _intConstants[output] = a.Ints.ToArray(); break;
            default:
                throw new ModelFormatException($"Node '{name}' (Constant): value attribute '{a.Name}' of type {a.Type} is not supported.");
        }
    }

    private int[] IntConstant(NodeProto p, string name, int input)
    {
        string value = p.Input.Count > input ? p.Input[input] : "";
        if (!_intConstants.TryGetValue(value, out var v))
            throw new ModelFormatException($"Node '{name}' ({p.OpType}): input {input} ('{value}') must be a constant int64 initializer.");
        return v.Select(x => (int)Math.Clamp(x, int.MinValue, int.MaxValue)).ToArray();
    }

    private float FloatConstant(NodeProto p, string name, int input)
    {
        string value = p.Input[input];
        if (!graph.Initializers.TryGetValue(value, out var t) || t.Length != 1)
            throw new ModelFormatException($"Node '{name}' ({p.OpType}): input {input} ('{value}') must be a constant scalar.");
        return t.Span[0];
    }

    private ModelFormatException Unsupported(NodeProto p, string name) =>
        new($"Node '{name}' uses operator '{p.OpType}'{(p.Domain.Length > 0 ? $" of domain '{p.Domain}'" : "")} (opset {opset}), which is not supported.");

    private static AttributeProto? Attr(NodeProto p, string name) => p.Attribute.FirstOrDefault(a => a.Name == name);

    private static int Int(NodeProto p, string name, int defaultValue) => Attr(p, name) is { } a ? (int)a.I : defaultValue;

    private static void CopyInt(NodeProto p, NodeAttributes attrs, string name)
    {
        if (Attr(p, name) is { } a) attrs.Set(name, (int)a.I);
    }

    private static void CopyFloat(NodeProto p, NodeAttributes attrs, string name)
    {
        if (Attr(p, name) is { } a) attrs.Set(name, a.F);
    }

    private static void CopyString(NodeProto p, NodeAttributes attrs, string name)
    {
        if (Attr(p, name) is { } a) attrs.Set(name, a.S.ToStringUtf8());
    }

    private static void CopyInts(NodeProto p, NodeAttributes attrs, params string[] names)
    {
        foreach (var name in names)
            if (Attr(p, name) is { } a) attrs.Set(name, a.Ints.Select(x => (int)Math.Clamp(x, int.MinValue, int.MaxValue)).ToArray());
    }
}
