using DeepLearningPipelines.Nn.Graph;

namespace DeepLearningPipelines.Nn.Models;

/// <summary>
/// Appends layers with seeded random weights to a <see cref="ModelGraph"/> (NCHW, channel counts tracked per value).
/// Convolution weights are He-uniform; batch-norm statistics are near identity so activations stay bounded.
/// Intended for benchmark and test graphs, not for training.
/// </summary>
internal sealed class GraphBuilder
{
    private readonly Random _rng;
    private readonly Dictionary<string, int> _channels = new(StringComparer.Ordinal);
    private int _counter;

    public GraphBuilder(string name, int channels, int height, int width, int seed)
    {
        _rng = new Random(seed);
        Graph = new ModelGraph { Name = name };
        Graph.Inputs.Add(new ValueInfo("input", [-1, channels, height, width]));
        _channels["input"] = channels;
    }

    public ModelGraph Graph { get; }

    /// <summary>Name of the graph input value.</summary>
    public string Input => "input";

    /// <summary>Channels of an NCHW value produced so far.</summary>
    public int Channels(string value) => _channels[value];

    /// <summary>Convolution with explicit [top, left, bottom, right] padding (symmetric "same" padding when null).</summary>
    public string Conv(string x, int outChannels, int kernelH, int kernelW, int stride = 1, int groups = 1, bool bias = false, int[]? pads = null, string? name = null)
    {
        name ??= Next("conv");
        int inChannels = _channels[x];
        int fanIn = inChannels / groups * kernelH * kernelW;
        Graph.Initializers[name + "_W"] = new Tensor(Uniform(outChannels * fanIn, MathF.Sqrt(6f / fanIn)), outChannels, inChannels / groups, kernelH, kernelW);
        List<string> inputs = [x, name + "_W"];
        if (bias)
        {
            Graph.Initializers[name + "_B"] = new Tensor(Uniform(outChannels, 0.1f), outChannels);
            inputs.Add(name + "_B");
        }
        pads ??= [(kernelH - 1) / 2, (kernelW - 1) / 2, kernelH / 2, kernelW / 2];
        var attrs = new NodeAttributes().Set("strides", [stride, stride]).Set("pads", pads).Set("group", groups);
        return Add(new Node(name, OpKind.Conv, inputs, [name], attrs), outChannels);
    }

    /// <summary>Inference batch normalisation with random, near-identity statistics.</summary>
    public string BatchNorm(string x, string? name = null, float epsilon = 1e-3f)
    {
        name ??= Next("bn");
        int c = _channels[x];
        string[] parameters = ["gamma", "beta", "mean", "var"];
        float[][] values = [Shifted(Uniform(c, 0.2f), 1f), Uniform(c, 0.1f), Uniform(c, 0.1f), Shifted(Uniform(c, 0.2f), 1f)];
        for (int i = 0; i < 4; i++) Graph.Initializers[$"{name}_{parameters[i]}"] = new Tensor(values[i], c);
        return Add(new Node(name, OpKind.BatchNormalization, [x, .. parameters.Select(p => $"{name}_{p}")], [name], new NodeAttributes().Set("epsilon", epsilon)), c);
    }

    public string Relu(string x) => Add(new Node(Next("relu"), OpKind.Relu, [x], [Last()]), _channels[x]);

    public string Relu6(string x) =>
        Add(new Node(Next("relu6"), OpKind.Clip, [x], [Last()], new NodeAttributes().Set("min", 0f).Set("max", 6f)), _channels[x]);

    /// <summary>Convolution (no bias) → batch norm → ReLU, the usual CNN unit.</summary>
    public string ConvBnRelu(string x, int outChannels, int kernelH, int kernelW, int stride = 1, int[]? pads = null) =>
        Relu(BatchNorm(Conv(x, outChannels, kernelH, kernelW, stride, pads: pads)));

    public string Add(string a, string b) => Add(new Node(Next("add"), OpKind.Add, [a, b], [Last()]), _channels[a]);

    public string MaxPool(string x, int kernel, int stride, int pad = 0) => Pool(OpKind.MaxPool, x, kernel, stride, pad);

    public string AveragePool(string x, int kernel, int stride, int pad = 0) => Pool(OpKind.AveragePool, x, kernel, stride, pad);

    public string Concat(params string[] xs) =>
        Add(new Node(Next("concat"), OpKind.Concat, xs, [Last()], new NodeAttributes().Set("axis", 1)), xs.Sum(v => _channels[v]));

    /// <summary>Global average pool, flatten, fully connected layer and softmax; marks the result as the graph output.</summary>
    public ModelGraph ClassifierHead(string x, int classes)
    {
        int c = _channels[x];
        string pooled = Add(new Node(Next("gap"), OpKind.GlobalAveragePool, [x], [Last()]), c);
        return Dense(Flatten(pooled), c, classes);
    }

    /// <summary>Flattens NCHW to [N, C·H·W].</summary>
    public string Flatten(string x) => Add(new Node(Next("flatten"), OpKind.Flatten, [x], [Last()], new NodeAttributes().Set("axis", 1)), 0);

    /// <summary>Fully connected layers ending in softmax; hidden layers use ReLU. Marks the result as the graph output.</summary>
    public ModelGraph Dense(string x, int inFeatures, params int[] layers)
    {
        for (int i = 0; i < layers.Length; i++)
        {
            string name = Next("fc");
            Graph.Initializers[name + "_W"] = new Tensor(Uniform(layers[i] * inFeatures, MathF.Sqrt(6f / inFeatures)), layers[i], inFeatures);
            Graph.Initializers[name + "_B"] = new Tensor(Uniform(layers[i], 0.1f), layers[i]);
            x = Add(new Node(name, OpKind.Gemm, [x, name + "_W", name + "_B"], [name], new NodeAttributes().Set("transB", 1)), 0);
            if (i < layers.Length - 1) x = Relu(x);
            inFeatures = layers[i];
        }
        x = Add(new Node("softmax", OpKind.Softmax, [x], ["probabilities"], new NodeAttributes().Set("axis", 1)), 0);
        Graph.Outputs.Add(new ValueInfo(x, [-1, inFeatures]));
        return Graph;
    }

    private string Pool(OpKind op, string x, int kernel, int stride, int pad)
    {
        var attrs = new NodeAttributes().Set("kernel_shape", [kernel, kernel]).Set("strides", [stride, stride]).Set("pads", [pad, pad, pad, pad]);
        if (op == OpKind.AveragePool) attrs.Set("count_include_pad", 0);
        return Add(new Node(Next(op == OpKind.MaxPool ? "maxpool" : "avgpool"), op, [x], [Last()], attrs), _channels[x]);
    }

    private string Add(Node node, int channels)
    {
        Graph.Nodes.Add(node);
        _channels[node.Outputs[0]] = channels;
        return node.Outputs[0];
    }

    private string Next(string prefix) => $"{prefix}_{++_counter}";

    private string Last() => $"v{_counter}";

    private float[] Uniform(int count, float limit)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = (float)(_rng.NextDouble() * 2 - 1) * limit;
        return values;
    }

    private static float[] Shifted(float[] values, float offset)
    {
        for (int i = 0; i < values.Length; i++) values[i] += offset;
        return values;
    }
}
