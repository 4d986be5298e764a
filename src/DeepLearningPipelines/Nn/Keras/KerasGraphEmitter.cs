using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Graph;

namespace DeepLearningPipelines.Nn.Keras;

/// <summary>
/// Writes nodes and constants into a <see cref="ModelGraph"/> for the layers of a Keras model. Rank-4 Keras tensors
/// are channels-last; the runtime computes images channels-first, so layers ask for the layout they need with
/// <see cref="ChannelsFirst"/> / <see cref="ChannelsLast"/> and conversions are inserted once per value.
/// </summary>
internal sealed class KerasGraphEmitter(ModelGraph graph)
{
    private static readonly int[] ToChannelsFirst = [0, 3, 1, 2], ToChannelsLast = [0, 2, 3, 1];
    private readonly Dictionary<string, string> _converted = new(StringComparer.Ordinal);

    public ModelGraph Graph { get; } = graph;

    /// <summary>Adds a node whose single output value is named like the node (made unique); returns that name.</summary>
    public string Add(OpKind op, string name, IEnumerable<string> inputs, NodeAttributes? attributes = null)
    {
        string unique = Unique(name);
        Graph.Nodes.Add(new Node(unique, op, inputs, [unique], attributes));
        return unique;
    }

    /// <summary>Adds (once) a constant tensor named <paramref name="name"/>; returns its name.</summary>
    public string Constant(string name, float[] data, params int[] shape)
    {
        if (!Graph.Initializers.ContainsKey(name)) Graph.Initializers[name] = new Tensor(data, shape);
        return name;
    }

    /// <summary>The name of a value holding <paramref name="value"/> channels-first (NCHW); rank-4 values only.</summary>
    public string ChannelsFirst(KerasValue value) => value.Rank != 4 || value.ChannelsFirst ? value.Name : Convert(value, "nchw");

    /// <summary>The name of a value holding <paramref name="value"/> in Keras' channels-last layout.</summary>
    public string ChannelsLast(KerasValue value) => value.Rank != 4 || !value.ChannelsFirst ? value.Name : Convert(value, "nhwc");

    /// <summary>The name of a value holding <paramref name="value"/> in the requested layout.</summary>
    public string InLayout(KerasValue value, bool channelsFirst) => channelsFirst ? ChannelsFirst(value) : ChannelsLast(value);

    /// <summary>
    /// Applies a Keras activation by name to <paramref name="value"/>; <c>linear</c> returns it unchanged. Softmax runs over
    /// the Keras channel axis (the last one), wherever the layout puts it.
    /// </summary>
    public KerasValue Activate(KerasValue value, string activation, KerasLayer layer)
    {
        string name = $"{layer.Name}/{activation}";
        string output = activation switch
        {
            "linear" or "" => value.Name,
            "relu" => Add(OpKind.Relu, name, [value.Name]),
            "relu6" => Add(OpKind.Clip, name, [value.Name], new NodeAttributes().Set("min", 0f).Set("max", 6f)),
            "sigmoid" => Add(OpKind.Sigmoid, name, [value.Name]),
            "tanh" => Add(OpKind.Tanh, name, [value.Name]),
            "swish" or "silu" => Add(OpKind.Silu, name, [value.Name]),
            "hard_swish" or "hard_silu" => Add(OpKind.HardSwish, name, [value.Name]),
            "softmax" => Add(OpKind.Softmax, name, [value.Name], new NodeAttributes().Set("axis", ChannelAxis(value))),
            _ => throw new ModelFormatException($"{layer.Describe}: activation '{activation}' is not supported (supported: linear, relu, relu6, sigmoid, tanh, softmax, swish, hard_swish)."),
        };
        return value with { Name = output };
    }

    /// <summary>The runtime axis holding Keras' last (channel) axis of <paramref name="value"/>.</summary>
    public static int ChannelAxis(KerasValue value) => value.Rank == 4 && value.ChannelsFirst ? 1 : value.Rank - 1;

    /// <summary>Maps a Keras axis (possibly negative) of <paramref name="value"/> to the runtime axis in its layout.</summary>
    public static int RuntimeAxis(KerasValue value, int kerasAxis, KerasLayer layer)
    {
        int axis = kerasAxis < 0 ? kerasAxis + value.Rank : kerasAxis;
        if (axis <= 0 || axis >= value.Rank) throw new ModelFormatException($"{layer.Describe}: axis {kerasAxis} is invalid for input {KerasShape.Format(value.Shape)}.");
        return value.Rank == 4 && value.ChannelsFirst ? ToChannelsLast[axis] : axis;
    }

    /// <summary>Adds a node named <paramref name="outputName"/> that writes channels-first <paramref name="value"/> channels-last.</summary>
    public void ChannelsLastAs(KerasValue value, string outputName) => Graph.Nodes.Add(ConversionNode(value, outputName));

    /// <summary>Replaces value name <paramref name="from"/> by <paramref name="to"/> in every node.</summary>
    public void Rename(string from, string to)
    {
        foreach (var node in Graph.Nodes)
        {
            for (int i = 0; i < node.Inputs.Count; i++) if (node.Inputs[i] == from) node.Inputs[i] = to;
            for (int i = 0; i < node.Outputs.Count; i++)
                if (node.Outputs[i] == from)
                {
                    node.Outputs[i] = to;
                    if (node.Name == from) node.Name = to;
                }
        }
        foreach (var key in _converted.Where(kv => kv.Key == from).Select(kv => kv.Key).ToList())
        {
            _converted[to] = _converted[key];
            _converted.Remove(key);
        }
    }

    /// <summary>True when a node or an initializer already uses <paramref name="name"/>.</summary>
    public bool IsTaken(string name) => Graph.Initializers.ContainsKey(name) || Graph.Inputs.Any(i => i.Name == name) || Graph.Nodes.Any(n => n.Name == name || n.Outputs.Contains(name));

    private string Convert(KerasValue value, string suffix)
    {
        if (_converted.TryGetValue(value.Name, out var done)) return done;
        string name = Unique($"{value.Name}/{suffix}");
        Graph.Nodes.Add(ConversionNode(value, name));
        _converted[value.Name] = name;
        return name;
    }

    /// <summary>A Transpose to the other layout, or a Reshape when only size-1 dimensions move (the data order is unchanged).</summary>
    private static Node ConversionNode(KerasValue value, string name)
    {
        int[] shape = value.Shape;
        bool trivial = shape[1] * shape[2] == 1 || shape[3] == 1;
        if (!trivial)
            return new Node(name, OpKind.Transpose, [value.Name], [name], new NodeAttributes().Set("perm", value.ChannelsFirst ? ToChannelsLast : ToChannelsFirst));
        int[] target = value.ChannelsFirst ? [0, shape[1], shape[2], shape[3]] : [0, shape[3], shape[1], shape[2]];
        return new Node(name, OpKind.Reshape, [value.Name], [name], new NodeAttributes().Set("shape", target));
    }

    /// <summary><paramref name="name"/>, or with the first free numeric suffix.</summary>
    public string Unique(string name)
    {
        string candidate = name;
        for (int i = 1; IsTaken(candidate); i++) candidate = $"{name}_{i}";
        return candidate;
    }
}
