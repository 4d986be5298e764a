using System.Text.Json.Nodes;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Graph;

namespace DeepLearningPipelines.Nn.Keras.Export;

/// <summary>
/// Reads a <see cref="ModelGraph"/> back as Keras layers: the inverse of <see cref="KerasGraphBuilder"/> for the layers
/// networks are built from (InputLayer, Conv2D, DepthwiseConv2D, Dense, MaxPooling2D, AveragePooling2D,
/// GlobalAveragePooling2D, ZeroPadding2D, BatchNormalization, Dropout, Flatten, Reshape, Activation, ReLU, Rescaling,
/// Add, Multiply, Concatenate). Rank-4 graph inputs and outputs are channels-last, as Keras'; inside, each value is tracked with its
/// layout, and the Transposes (or size-1 Reshapes) between layouts disappear. An activation that alone reads a
/// convolution or Dense output becomes that layer's <c>activation</c>. Anything else is refused with a
/// <see cref="ModelFormatException"/> naming the first node that has no Keras layer.
/// </summary>
internal sealed class KerasGraphTranslator
{
    private static readonly int[] ToChannelsFirst = [0, 3, 1, 2], ToChannelsLast = [0, 2, 3, 1];

    private readonly ModelGraph _graph;
    private readonly Dictionary<string, int[]> _shapes;
    private readonly Dictionary<string, Tensor> _constants;
    private readonly Dictionary<string, KerasTensor> _tensors = new(StringComparer.Ordinal);
    private readonly HashSet<Node> _fused = [];
    private readonly List<KerasExportLayer> _layers = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    /// <summary>A graph value as a Keras tensor: the layer that outputs it and whether the graph holds it channels-first.</summary>
    private sealed record KerasTensor(string Layer, bool ChannelsFirst);

    private KerasGraphTranslator(ModelGraph graph, List<Node> order)
    {
        _graph = graph;
        _constants = graph.Initializers;
        _shapes = ShapeInference.InferWithUnitBatch(graph, order);
    }

    /// <summary>The Keras model <paramref name="graph"/> computes; throws <see cref="ModelFormatException"/> when a node has no Keras layer.</summary>
    public static KerasExportModel Translate(ModelGraph graph)
    {
        var order = GraphSorter.Sort(graph);
        var translator = new KerasGraphTranslator(graph, order);
        var inputs = graph.Inputs.Select(i => translator.Input(i)).ToList();
        foreach (var node in order)
            if (!translator._fused.Contains(node)) translator.Translate(node);
        var outputs = graph.Outputs.Select(o => translator.Output(o.Name)).ToList();
        return new KerasExportModel(Sanitize(graph.Name), translator._layers, inputs, outputs);
    }

    private string Input(ValueInfo input)
    {
        if (input.Shape.Length < 2) throw new ModelFormatException($"Graph input '{input.Name}' {Tensor.Format(input.Shape)} has no batch dimension; Keras inputs are [batch, …].");
        var shape = new JsonArray(input.Shape.Skip(1).Select(d => (JsonNode?)(d < 0 ? null : JsonValue.Create(d))).Prepend(null).ToArray());
        string name = Layer(input.Name, "InputLayer", new JsonObject { ["batch_input_shape"] = shape, ["dtype"] = "float32", ["sparse"] = false, ["ragged"] = false }, []);
        _tensors[input.Name] = new KerasTensor(name, ChannelsFirst: false);
        return name;
    }

    private string Output(string value)
    {
        var tensor = TensorOf(value, null);
        if (tensor.ChannelsFirst && Rank(value) == 4)
            throw new ModelFormatException($"Graph output '{value}' is a channels-first image; Keras outputs are channels-last.");
        return tensor.Layer;
    }

    private void Translate(Node node)
    {
        switch (node.Op)
        {
            case OpKind.Identity: Alias(node, TensorOf(node.Inputs[0], node)); break;
            case OpKind.Transpose: Transpose(node); break;
            case OpKind.Reshape: LayoutReshape(node); break;
            case OpKind.Conv: Conv(node); break;
            case OpKind.Gemm: Gemm(node); break;
            case OpKind.MatMul: MatMul(node); break;
            case OpKind.BatchNormalization: BatchNormalization(node); break;
            case OpKind.MaxPool or OpKind.AveragePool: Pool(node); break;
            case OpKind.GlobalAveragePool: GlobalAveragePool(node); break;
            case OpKind.Pad: ZeroPadding(node); break;
            case OpKind.Flatten: Flatten(node); break;
            case OpKind.Dropout:
                Add(node, node.Outputs[0], "Dropout", new JsonObject { ["rate"] = node.Attributes.GetFloat("ratio", 0.5f), ["noise_shape"] = null, ["seed"] = null }, [node.Inputs[0]], [],
                    TensorOf(node.Inputs[0], node).ChannelsFirst);
                break;
            case OpKind.Mul or OpKind.Add: Arithmetic(node); break;
            case OpKind.Concat: Concat(node); break;
            case OpKind.Relu or OpKind.Clip or OpKind.Sigmoid or OpKind.Tanh or OpKind.Silu or OpKind.HardSwish or OpKind.Softmax: StandaloneActivation(node); break;
            default: throw Refuse(node, $"{node.Op} has no Keras layer");
        }
    }

    // ---- layouts ----

    private void Transpose(Node node)
    {
        var x = TensorOf(node.Inputs[0], node);
        int[] perm = node.Attributes.GetInts("perm") ?? [];
        if (Rank(node.Inputs[0]) == 4 && perm.SequenceEqual(x.ChannelsFirst ? ToChannelsLast : ToChannelsFirst))
            Alias(node, x with { ChannelsFirst = !x.ChannelsFirst });
        else
            throw Refuse(node, $"Transpose {Tensor.Format(perm)} is not a change between channels-last and channels-first images");
    }

    /// <summary>A Reshape that only moves size-1 dimensions between the layouts (as the graph builder writes), or a Keras Reshape.</summary>
    private void LayoutReshape(Node node)
    {
        var x = TensorOf(node.Inputs[0], node);
        int[] input = _shapes[node.Inputs[0]], output = _shapes[node.Outputs[0]];
        if (input.Length == 4)
        {
            int[] perm = x.ChannelsFirst ? ToChannelsLast : ToChannelsFirst;
            bool trivial = x.ChannelsFirst ? input[2] * input[3] == 1 || input[1] == 1 : input[1] * input[2] == 1 || input[3] == 1;
            if (trivial && output.SequenceEqual(perm.Select(p => input[p])))
            {
                Alias(node, x with { ChannelsFirst = !x.ChannelsFirst });
                return;
            }
            if (x.ChannelsFirst && !trivial) throw Refuse(node, "reshaping a channels-first image orders its values unlike Keras' Reshape (channels last)");
        }
        if (output.Length < 2 || output[0] != input[0]) throw Refuse(node, $"Reshape {Tensor.Format(input)} → {Tensor.Format(output)} changes the batch dimension");
        Add(node, node.Outputs[0], "Reshape", new JsonObject { ["target_shape"] = new JsonArray(output.Skip(1).Select(d => (JsonNode)d).ToArray()) }, [node.Inputs[0]], []);
    }

    // ---- weighted layers ----

    private void Conv(Node node)
    {
        Image(node, channelsFirst: true);
        int[] input = _shapes[node.Inputs[0]];
        if (node.Input(3).Length > 0 || node.Attributes.Contains("activation_min") || node.Attributes.Contains("activation_max"))
            throw Refuse(node, "a convolution with a fused residual or activation has no Keras layer");
        var w = Constant(node, 1, "weight");
        int group = node.Attributes.GetInt("group", 1), outChannels = w.Shape[0], channels = input[1], kh = w.Shape[2], kw = w.Shape[3];
        var window = Window(node, kh, kw, input, node.Attributes.GetInts("dilations") ?? [1, 1]);
        var (activation, output) = FusedActivation(node);
        var config = new JsonObject();
        List<(string, KerasWeight)> weights;
        string className;
        if (group == 1)
        {
            className = "Conv2D";
            config["filters"] = outChannels;
            weights = [("kernel", new KerasWeight(OihwToHwio(w.Span, kh, kw, channels, outChannels), [kh, kw, channels, outChannels]))];
        }
        else if (group == channels && w.Shape[1] == 1)
        {
            className = "DepthwiseConv2D";
            weights = [("depthwise_kernel", new KerasWeight(OihwToHwio(w.Span, kh, kw, 1, outChannels), [kh, kw, channels, outChannels / channels]))];
        }
        else throw Refuse(node, $"a grouped convolution ({group} groups of {w.Shape[1]} channels) has no Keras layer");
        config["kernel_size"] = Pair(kh, kw);
        config["strides"] = Pair(window.StrideH, window.StrideW);
        config["padding"] = window.Padding == KerasPadding.Same ? "same" : "valid";
        config["data_format"] = "channels_last";
        config["dilation_rate"] = Pair(window.DilationH, window.DilationW);
        if (className == "Conv2D") config["groups"] = 1;
        else config["depth_multiplier"] = outChannels / channels;
        config["activation"] = activation;
        config["use_bias"] = node.Input(2).Length > 0;
        if (node.Input(2).Length > 0) weights.Add(("bias", Weight(Constant(node, 2, "bias"), [outChannels])));
        Add(node, output, className, config, [node.Inputs[0]], weights, channelsFirst: true);
    }

    private void Gemm(Node node)
    {
        var a = node.Attributes;
        if (a.GetInt("transA", 0) != 0 || a.GetFloat("alpha", 1f) != 1f || a.GetFloat("beta", 1f) != 1f)
            throw Refuse(node, "a Gemm with transA, alpha or beta has no Dense layer");
        if (Rank(node.Inputs[0]) != 2) throw Refuse(node, "a Gemm on a value that is not [batch, features] has no Dense layer");
        var w = Constant(node, 1, "weight");
        bool transposed = a.GetInt("transB", 0) != 0;
        int features = transposed ? w.Shape[1] : w.Shape[0], units = transposed ? w.Shape[0] : w.Shape[1];
        float[] kernel = transposed ? Transpose2d(w.Span, units, features) : w.Span.ToArray();
        string? bias = node.Input(2).Length > 0 ? node.Inputs[2] : null;
        Dense(node, node.Inputs[0], kernel, features, units, bias is null ? null : Weight(Constant(node, 2, "bias"), [units]), node);
    }

    private void MatMul(Node node)
    {
        var x = TensorOf(node.Inputs[0], node);
        if (Rank(node.Inputs[0]) == 4 && x.ChannelsFirst) throw Refuse(node, "a MatMul over a channels-first image has no Dense layer");
        var w = Constant(node, 1, "weight");
        if (w.Shape.Length != 2) throw Refuse(node, $"a MatMul by a {Tensor.Format(w.Shape)} constant has no Dense layer");
        int units = w.Shape[1];
        var last = node;
        KerasWeight? bias = null;
        if (SoleConsumer(node.Outputs[0]) is { Op: OpKind.Add } add && add.Inputs.Count == 2 && add.Inputs[0] == node.Outputs[0]
            && _constants.TryGetValue(add.Inputs[1], out var b) && b.Length == units && b.Shape[^1] == units)
        {
            _fused.Add(add);
            (last, bias) = (add, Weight(b, [units]));
        }
        Dense(node, node.Inputs[0], w.Span.ToArray(), w.Shape[0], units, bias, last);
    }

    private void Dense(Node node, string input, float[] kernel, int features, int units, KerasWeight? bias, Node last)
    {
        var (activation, output) = FusedActivation(last);
        var config = new JsonObject { ["units"] = units, ["activation"] = activation, ["use_bias"] = bias is not null };
        List<(string, KerasWeight)> weights = [("kernel", new KerasWeight(kernel, [features, units]))];
        if (bias is not null) weights.Add(("bias", bias));
        Add(node, output, "Dense", config, [input], weights);
    }

    private void BatchNormalization(Node node)
    {
        int rank = Rank(node.Inputs[0]);
        if (rank == 4) Image(node, channelsFirst: true);
        else if (rank != 2) throw Refuse(node, $"a BatchNormalization of a rank-{rank} value has no Keras layer here");
        int channels = _shapes[node.Inputs[0]][1];
        var config = new JsonObject
        {
            ["axis"] = -1, ["momentum"] = node.Attributes.GetFloat("momentum", 0.99f), ["epsilon"] = node.Attributes.GetFloat("epsilon", 1e-5f),
            ["center"] = true, ["scale"] = true,
        };
        string[] names = ["gamma", "beta", "moving_mean", "moving_variance"];
        var weights = names.Select((n, i) => (n, Weight(Constant(node, i + 1, n), [channels]))).ToList();
        Add(node, node.Outputs[0], "BatchNormalization", config, [node.Inputs[0]], weights, channelsFirst: rank == 4);
    }

    // ---- pooling and reshaping ----

    private void Pool(Node node)
    {
        Image(node, channelsFirst: true);
        int[] input = _shapes[node.Inputs[0]];
        int[] kernel = node.Attributes.GetInts("kernel_shape") ?? throw Refuse(node, "the pooling has no kernel_shape");
        if (node.Attributes.GetInt("ceil_mode", 0) != 0) throw Refuse(node, "pooling with ceil_mode has no Keras layer");
        if ((node.Attributes.GetInts("dilations") ?? [1, 1]).Any(d => d != 1)) throw Refuse(node, "dilated pooling has no Keras layer");
        var window = Window(node, kernel[0], kernel[1], input, [1, 1]);
        bool isMax = node.Op == OpKind.MaxPool;
        if (!isMax && window.Padding == KerasPadding.Same && window.Pads(input[2], input[3]).Any(p => p > 0) && node.Attributes.GetInt("count_include_pad", 0) != 0)
            throw Refuse(node, "average pooling that counts padded cells has no Keras layer (Keras averages the cells inside the image)");
        var config = new JsonObject
        {
            ["pool_size"] = Pair(kernel[0], kernel[1]), ["padding"] = window.Padding == KerasPadding.Same ? "same" : "valid",
            ["strides"] = Pair(window.StrideH, window.StrideW), ["data_format"] = "channels_last",
        };
        Add(node, node.Outputs[0], isMax ? "MaxPooling2D" : "AveragePooling2D", config, [node.Inputs[0]], [], channelsFirst: true);
    }

    private void ZeroPadding(Node node)
    {
        Image(node, channelsFirst: true);
        int[] pads = node.Attributes.GetInts("pads") ?? [];
        if (pads.Length != 8 || pads[0] != 0 || pads[1] != 0 || pads[4] != 0 || pads[5] != 0 || pads.Any(p => p < 0) || node.Attributes.GetFloat("value", 0f) != 0f
            || node.Attributes.GetString("mode", "constant") != "constant")
            throw Refuse(node, $"only zero padding of the image's height and width has a Keras layer (ZeroPadding2D), got pads {Tensor.Format(pads)}");
        var padding = new JsonArray(Pair(pads[2], pads[6]), Pair(pads[3], pads[7]));
        Add(node, node.Outputs[0], "ZeroPadding2D", new JsonObject { ["padding"] = padding, ["data_format"] = "channels_last" }, [node.Inputs[0]], [], channelsFirst: true);
    }

    private void GlobalAveragePool(Node node)
    {
        Image(node, channelsFirst: true);
        if (SoleConsumer(node.Outputs[0]) is { Op: OpKind.Flatten } flatten && flatten.Attributes.GetInt("axis", 1) == 1)
        {
            _fused.Add(flatten);
            Add(node, flatten.Outputs[0], "GlobalAveragePooling2D", new JsonObject { ["data_format"] = "channels_last", ["keepdims"] = false }, [node.Inputs[0]], []);
        }
        else
        {
            Add(node, node.Outputs[0], "GlobalAveragePooling2D", new JsonObject { ["data_format"] = "channels_last", ["keepdims"] = true }, [node.Inputs[0]], [], channelsFirst: true);
        }
    }

    private void Flatten(Node node)
    {
        var x = TensorOf(node.Inputs[0], node);
        int[] input = _shapes[node.Inputs[0]];
        if (node.Attributes.GetInt("axis", 1) != 1) throw Refuse(node, "a Flatten at an axis other than 1 has no Keras layer");
        if (input.Length == 4 && x.ChannelsFirst && input[1] > 1 && input[2] * input[3] > 1)
            throw Refuse(node, "flattening a channels-first image orders its values unlike Keras' Flatten (channels last)");
        Add(node, node.Outputs[0], "Flatten", new JsonObject { ["data_format"] = "channels_last" }, [node.Inputs[0]], []);
    }

    // ---- element-wise ----

    private void Arithmetic(Node node)
    {
        bool product = node.Op == OpKind.Mul;
        int constant = _constants.ContainsKey(node.Input(1)) ? 1 : _constants.ContainsKey(node.Input(0)) ? 0 : -1;
        if (constant >= 0)
        {
            var c = _constants[node.Inputs[constant]];
            if (c.Length != 1) throw Refuse(node, $"{node.Op} by a {Tensor.Format(c.Shape)} constant has no Keras layer (Rescaling takes a scalar)");
            string input = node.Inputs[1 - constant];
            float scale = product ? c.Span[0] : 1f, offset = product ? 0f : c.Span[0];
            string output = node.Outputs[0];
            if (product && SoleConsumer(output) is { Op: OpKind.Add } add && add.Inputs.Count == 2
                && add.Inputs.FirstOrDefault(i => i != output && _constants.TryGetValue(i, out var o) && o.Length == 1) is { } offsetName)
            {
                _fused.Add(add);
                (offset, output) = (_constants[offsetName].Span[0], add.Outputs[0]);
            }
            var x = TensorOf(input, node);
            Add(node, output, "Rescaling", new JsonObject { ["scale"] = scale, ["offset"] = offset }, [input], [], x.ChannelsFirst);
            return;
        }
        var layout = SameLayout(node);
        Add(node, node.Outputs[0], product ? "Multiply" : "Add", new JsonObject(), node.Inputs, [], layout);
    }

    private void Concat(Node node)
    {
        bool channelsFirst = SameLayout(node);
        int rank = Rank(node.Inputs[0]), axis = node.Attributes.GetInt("axis", 1);
        if (axis < 0) axis += rank;
        int kerasAxis = rank == 4 && channelsFirst ? ToChannelsFirst[axis] : axis;
        if (kerasAxis == 0) throw Refuse(node, "concatenating along the batch axis has no Keras layer");
        Add(node, node.Outputs[0], "Concatenate", new JsonObject { ["axis"] = kerasAxis == rank - 1 ? -1 : kerasAxis }, node.Inputs, [], channelsFirst);
    }

    private bool SameLayout(Node node)
    {
        var tensors = node.Inputs.Select(i => TensorOf(i, node)).ToList();
        var shapes = node.Inputs.Select(i => _shapes[i]).ToList();
        if (shapes.Any(s => s.Length != shapes[0].Length)) throw Refuse(node, "its inputs have different ranks");
        bool channelsFirst = shapes[0].Length == 4 && tensors[0].ChannelsFirst;
        if (shapes[0].Length == 4 && tensors.Any(t => t.ChannelsFirst != channelsFirst)) throw Refuse(node, "it mixes channels-first and channels-last images");
        if (node.Op != OpKind.Concat && shapes.Any(s => !s.SequenceEqual(shapes[0])))
            throw Refuse(node, $"broadcasting {string.Join(" and ", shapes.Select(s => Tensor.Format(s)))} has no Keras layer");
        return channelsFirst;
    }

    // ---- activations ----

    /// <summary>The Keras 2 activation name of an activation node, or null when Keras 2 has no such built-in activation (hard swish).</summary>
    private string? ActivationName(Node node) => node.Op switch
    {
        OpKind.Relu => "relu",
        OpKind.Sigmoid => "sigmoid",
        OpKind.Tanh => "tanh",
        OpKind.Silu => "swish",
        OpKind.Clip when node.Attributes.GetFloat("min", float.NegativeInfinity) == 0f && !node.Attributes.Contains("max") => "relu",
        OpKind.Softmax when IsChannelAxis(node) => "softmax",
        _ => null,
    };

    private bool IsChannelAxis(Node node)
    {
        int rank = Rank(node.Inputs[0]), axis = node.Attributes.GetInt("axis", -1);
        if (axis < 0) axis += rank;
        bool channelsFirst = rank == 4 && _tensors.TryGetValue(node.Inputs[0], out var x) && x.ChannelsFirst;
        return axis == (channelsFirst ? 1 : rank - 1) && (rank == 2 || node.Attributes.GetInt("coerce_2d", 0) == 0);
    }

    /// <summary>The activation that alone reads <paramref name="node"/>'s output (marked fused) and the value it writes, or linear.</summary>
    private (string Activation, string Output) FusedActivation(Node node)
    {
        if (SoleConsumer(node.Outputs[0]) is { } next && ActivationName(next) is { } name)
        {
            _fused.Add(next);
            return (name, next.Outputs[0]);
        }
        return ("linear", node.Outputs[0]);
    }

    private void StandaloneActivation(Node node)
    {
        var x = TensorOf(node.Inputs[0], node);
        if (ActivationName(node) is { } name)
        {
            Add(node, node.Outputs[0], "Activation", new JsonObject { ["activation"] = name }, [node.Inputs[0]], [], x.ChannelsFirst);
            return;
        }
        if (node.Op == OpKind.Clip && node.Attributes.GetFloat("min", float.NegativeInfinity) == 0f && node.Attributes.GetFloat("max", float.PositiveInfinity) is var max && float.IsFinite(max))
        {
            Add(node, node.Outputs[0], "ReLU", new JsonObject { ["max_value"] = max, ["negative_slope"] = 0f, ["threshold"] = 0f }, [node.Inputs[0]], [], x.ChannelsFirst);
            return;
        }
        throw Refuse(node, node.Op switch
        {
            OpKind.Softmax => "a softmax over an axis other than the channels has no Keras activation",
            OpKind.HardSwish => "hard swish is not a Keras 2 built-in activation",
            _ => "this Clip has no Keras activation",
        });
    }

    // ---- helpers ----

    /// <summary>Records a layer computed by <paramref name="node"/> (and nodes fused into it) writing <paramref name="output"/>.</summary>
    private void Add(Node node, string output, string className, JsonObject config, IEnumerable<string> inputs, List<(string, KerasWeight)> weights, bool channelsFirst = false)
    {
        var inbound = inputs.Select(i => TensorOf(i, node).Layer).ToList();
        string name = Layer(output, className, config, inbound, weights);
        _tensors[output] = new KerasTensor(name, channelsFirst && Rank(output) == 4);
    }

    private string Layer(string value, string className, JsonObject config, IReadOnlyList<string> inbound, List<(string, KerasWeight)>? weights = null)
    {
        string name = Sanitize(value), unique = name;
        for (int i = 1; !_names.Add(unique); i++) unique = $"{name}_{i}";
        config["trainable"] = true;
        if (className != "InputLayer") config["dtype"] = "float32";
        _layers.Add(new KerasExportLayer(unique, className, config, inbound, weights ?? []));
        return unique;
    }

    private void Alias(Node node, KerasTensor tensor) => _tensors[node.Outputs[0]] = tensor;

    private KerasTensor TensorOf(string value, Node? reader) =>
        _tensors.TryGetValue(value, out var t) ? t
        : throw (reader is null ? new ModelFormatException($"Graph output '{value}' is not computed by a layer.")
            : Refuse(reader, _constants.ContainsKey(value) ? $"it reads the constant '{value}' where Keras layers take a tensor" : $"its input '{value}' has no Keras tensor"));

    private KerasTensor Image(Node node, bool channelsFirst)
    {
        var x = TensorOf(node.Inputs[0], node);
        if (Rank(node.Inputs[0]) != 4) throw Refuse(node, $"it needs an image, its input is {Tensor.Format(_shapes[node.Inputs[0]])}");
        if (x.ChannelsFirst != channelsFirst)
            throw Refuse(node, "it reads a channels-last image as channels-first (a model taking NCHW input has no Keras form; Keras images are channels-last)");
        return x;
    }

    private Node? SoleConsumer(string value)
    {
        if (_graph.IsOutput(value)) return null;
        var consumers = _graph.Consumers(value).Take(2).ToList();
        return consumers.Count == 1 ? consumers[0] : null;
    }

    private Tensor Constant(Node node, int input, string what) =>
        _constants.TryGetValue(node.Input(input), out var t) ? t : throw Refuse(node, $"its {what} '{node.Input(input)}' is computed, not a constant");

    private static KerasWeight Weight(Tensor t, int[] shape) => new(t.Span.ToArray(), shape);

    private int Rank(string value) => _shapes[value].Length;

    /// <summary>The Keras window with the node's strides and dilations whose valid or same padding gives its pads.</summary>
    private KerasWindow Window(Node node, int kh, int kw, int[] nchw, int[] dilations)
    {
        if (node.Attributes.GetString("auto_pad", "NOTSET") is not ("NOTSET" or "VALID")) throw Refuse(node, "auto_pad SAME_* is not read here; give explicit pads");
        int[] strides = node.Attributes.GetInts("strides") ?? [1, 1], pads = node.Attributes.GetInts("pads") ?? [0, 0, 0, 0];
        foreach (var padding in new[] { KerasPadding.Valid, KerasPadding.Same })
        {
            var window = new KerasWindow(kh, kw, strides[0], strides[1], padding, dilations[0], dilations[1]);
            if (window.Pads(nchw[2], nchw[3]).SequenceEqual(pads)) return window;
        }
        throw Refuse(node, $"pads {Tensor.Format(pads)} on a {nchw[2]}×{nchw[3]} image are neither Keras' 'valid' nor 'same' padding");
    }

    private static ModelFormatException Refuse(Node node, string why) =>
        new($"The network cannot be written as a Keras model: {node} — {why}. Export it to ONNX instead.");

    private static JsonArray Pair(int a, int b) => new(a, b);

    /// <summary>A Keras layer name for a graph value: HDF5 paths and Keras weight names split on '/', so it becomes '_'.</summary>
    private static string Sanitize(string name)
    {
        string clean = new(name.Select(c => c is '/' or ':' or '\\' || char.IsControl(c) ? '_' : c).ToArray());
        return clean.Length == 0 || clean == "." ? "layer" : clean;
    }

    /// <summary>[out, in, kh, kw] to Keras' [kh, kw, in, out].</summary>
    private static float[] OihwToHwio(ReadOnlySpan<float> k, int kh, int kw, int cin, int cout)
    {
        var result = new float[k.Length];
        for (int o = 0; o < cout; o++)
            for (int i = 0; i < cin; i++)
                for (int y = 0; y < kh; y++)
                    for (int x = 0; x < kw; x++)
                        result[((y * kw + x) * cin + i) * cout + o] = k[((o * cin + i) * kh + y) * kw + x];
        return result;
    }

    private static float[] Transpose2d(ReadOnlySpan<float> m, int rows, int cols)
    {
        var result = new float[m.Length];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++) result[c * rows + r] = m[r * cols + c];
        return result;
    }
}
