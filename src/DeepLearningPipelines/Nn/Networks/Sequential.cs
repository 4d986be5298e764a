using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Graph;

namespace DeepLearningPipelines.Nn.Networks;

/// <summary>
/// Keras' <c>Sequential</c>: a stack of layers, each called on the previous one's output, from an input of
/// <see cref="InputShape"/>. <see cref="ToNetwork"/> gives the equivalent functional <see cref="Network"/>.
/// </summary>
public sealed class Sequential
{
    private readonly List<Layer> _layers = [];

    /// <param name="inputShape">Per-example input shape, channels-last for images (height, width, channels).</param>
    /// <param name="layers">The first layers, in order.</param>
    public Sequential(int[] inputShape, params Layer[] layers)
    {
        InputShape = (int[])inputShape.Clone();
        _layers.AddRange(layers);
    }

    /// <summary>Per-example input shape.</summary>
    public int[] InputShape { get; }

    /// <summary>The model name.</summary>
    public string Name { get; init; } = "sequential";

    /// <summary>The layers, in order.</summary>
    public IReadOnlyList<Layer> Layers => _layers;

    /// <summary>Appends <paramref name="layer"/>; returns this model for chaining.</summary>
    public Sequential Add(Layer layer)
    {
        _layers.Add(layer);
        return this;
    }

    /// <summary>The functional network calling each layer on the previous output.</summary>
    public Network ToNetwork()
    {
        if (_layers.Count == 0) throw new ParamException($"Sequential model '{Name}' has no layers.");
        var input = new Input(InputShape);
        SymbolicTensor x = input;
        foreach (var layer in _layers) x = layer.Call(x);
        return new Network(input, x, Name);
    }

    /// <summary>The runtime graph with starting weights from <paramref name="seed"/>; see <see cref="Network.Build"/>.</summary>
    public ModelGraph Build(int seed = 0) => ToNetwork().Build(seed);
}
