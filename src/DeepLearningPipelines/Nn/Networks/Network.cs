using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Nn.Keras;
using DeepLearningPipelines.Nn.Zoo;

namespace DeepLearningPipelines.Nn.Networks;

/// <summary>
/// A network defined in C# (Keras' functional <c>Model(inputs, outputs)</c>): the layers called between
/// <see cref="Input"/> and an output tensor. Unnamed layers get Keras 2's automatic names in call order
/// (<c>conv2d_1</c>, <c>conv2d_2</c>, <c>dense_1</c>…). Shapes are checked when the network is defined, and
/// <see cref="Build"/> writes the project's <see cref="ModelGraph"/>: channels-last input and output as in Keras,
/// channels-first (NCHW) inside, weights from each layer's initializer.
/// </summary>
public sealed class Network
{
    private readonly Dictionary<string, Layer> _layers = new(StringComparer.Ordinal);

    /// <param name="input">The network input.</param>
    /// <param name="output">The tensor the network returns, computed from <paramref name="input"/> by layer calls.</param>
    /// <param name="name">The model name.</param>
    public Network(Input input, SymbolicTensor output, string name = "model")
    {
        var calls = CallsBetween(input, output);
        var builder = new KerasModelBuilder();
        var refs = new Dictionary<SymbolicTensor, KerasTensorRef>(ReferenceEqualityComparer.Instance)
        {
            [input] = builder.Input(input.Name ?? NextName(builder, "input"), input.Shape),
        };
        foreach (var call in calls)
        {
            var layer = call.Producer!;
            string layerName = layer.Name ?? NextName(builder, layer.Prefix);
            if (!_layers.TryAdd(layerName, layer) || layerName == refs[input].Layer)
                throw new ParamException($"Two layers of network '{name}' are named '{layerName}'; layer names must be unique.");
            refs[call] = builder.Call(layer.ToKeras(layerName), call.Inputs.Select(t => refs[t]).ToArray());
        }
        Architecture = builder.Build(name, refs[output]);
        Summary = KerasGraphBuilder.Summarize(Architecture);
    }

    /// <summary>The model name.</summary>
    public string Name => Architecture.Name;

    /// <summary>The architecture as the project's Keras layers (the form Keras files are imported into).</summary>
    public KerasModel Architecture { get; }

    /// <summary>Each layer's output shape (channels-last, batch −1) and weight shapes.</summary>
    public KerasModelSummary Summary { get; }

    /// <summary>Number of weight values, as Keras' <c>count_params</c> (trainable and not).</summary>
    public long ParameterCount => Summary.Parameters;

    /// <summary>Layer names in call order, the input first.</summary>
    public IReadOnlyList<string> LayerNames => Architecture.Layers.Select(l => l.Name).ToArray();

    /// <summary>The input's per-example shape (channels-last for images).</summary>
    public int[] InputShape => Summary.OutputShapes[Architecture.Inputs[0].Layer][1..];

    /// <summary>The output's per-example shape.</summary>
    public int[] OutputShape => Summary.OutputShapes[Architecture.Outputs[0].Layer][1..];

    /// <summary>
    /// The runtime graph with starting weights drawn from <paramref name="seed"/> (the same seed gives the same
    /// weights). Dropout nodes carry their <c>ratio</c> and batch-norm nodes their <c>momentum</c> for training.
    /// </summary>
    public ModelGraph Build(int seed = 0)
    {
        var graph = KerasGraphBuilder.Build(Architecture, new InitializedWeights(_layers, seed));
        foreach (var (layerName, layer) in _layers)
            if (graph.Nodes.FirstOrDefault(n => n.Name == layerName) is { } node) layer.Annotate(node);
        return graph;
    }

    /// <summary>The layer calls needed for <paramref name="output"/>, in an order where each call follows those it reads.</summary>
    private static List<SymbolicTensor> CallsBetween(Input input, SymbolicTensor output)
    {
        var seen = new HashSet<SymbolicTensor>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<SymbolicTensor>([output]);
        while (pending.Count > 0)
        {
            var tensor = pending.Pop();
            if (!seen.Add(tensor)) continue;
            if (tensor is Input other && !ReferenceEquals(other, input))
                throw new ParamException("The output depends on an Input other than the network's input; a network has one input.");
            foreach (var read in tensor.Inputs) pending.Push(read);
        }
        if (!seen.Contains(input)) throw new ParamException("The output does not depend on the network's input.");
        var calls = seen.Where(t => t.Producer is not null).OrderBy(t => t.Order).ToList();
        var twice = calls.GroupBy(t => t.Producer!, ReferenceEqualityComparer.Instance).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
            throw new ParamException($"A {twice.Key!.GetType().Name} layer is called {twice.Count()} times; shared layers are not supported, create one layer per call.");
        return calls;
    }

    /// <summary>Keras' next automatic name for <paramref name="prefix"/>.</summary>
    private string NextName(KerasModelBuilder builder, string prefix)
    {
        string name;
        do name = builder.Auto(prefix); while (_layers.ContainsKey(name));
        return name;
    }
}
