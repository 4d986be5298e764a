using DeepLearningPipelines.Nn.Keras;
using DeepLearningPipelines.Nn.Keras.Layers;

namespace DeepLearningPipelines.Nn.Zoo;

/// <summary>
/// Writes a Keras functional model in code, the way keras.applications does: <see cref="Call"/> adds a layer called
/// on tensors, and <see cref="Auto"/> gives an unnamed layer Keras 2's automatic name (<c>conv2d_1</c>, <c>conv2d_2</c>…,
/// counted per prefix in call order), so that weights saved by Keras match by layer name.
/// </summary>
internal sealed class KerasModelBuilder
{
    private readonly List<KerasLayer> _layers = [];
    private readonly Dictionary<string, int> _counters = new(StringComparer.Ordinal);
    private KerasTensorRef? _input;

    /// <summary>Adds the model input (channels-last per-example shape).</summary>
    public KerasTensorRef Input(string name, params int[] shape)
    {
        _input = Call(new InputLayer(name, shape));
        return _input;
    }

    /// <summary>Adds <paramref name="layer"/> called on <paramref name="inputs"/>; returns its output.</summary>
    public KerasTensorRef Call(KerasLayer layer, params KerasTensorRef[] inputs)
    {
        if (layer is not InputLayer) layer.Calls.Add(inputs);
        _layers.Add(layer);
        return new KerasTensorRef(layer.Name);
    }

    /// <summary>The next Keras 2 automatic name for <paramref name="prefix"/>, e.g. <c>conv2d_3</c>.</summary>
    public string Auto(string prefix)
    {
        int n = _counters.GetValueOrDefault(prefix) + 1;
        _counters[prefix] = n;
        return $"{prefix}_{n}";
    }

    /// <summary>The model reading the input and returning <paramref name="output"/>.</summary>
    public KerasModel Build(string name, KerasTensorRef output) =>
        new(name, _layers, [_input ?? throw new InvalidOperationException("No input was added.")], [output]);
}
