namespace DeepLearningPipelines.Nn.Keras;

/// <summary>Reference to one output tensor of one call of a layer, as Keras writes it: <c>["conv1", 0, 0]</c>.</summary>
public sealed record KerasTensorRef(string Layer, int NodeIndex = 0, int TensorIndex = 0)
{
    /// <inheritdoc />
    public override string ToString() => NodeIndex == 0 && TensorIndex == 0 ? Layer : $"{Layer}[{NodeIndex}][{TensorIndex}]";
}

/// <summary>
/// A Keras model architecture: layers in definition order, each with the tensors it is called on, plus the model's
/// inputs and outputs. Produced by <see cref="KerasConfigParser"/> from a Keras JSON config or built in code by the zoo.
/// </summary>
public sealed class KerasModel(string name, IReadOnlyList<KerasLayer> layers, IReadOnlyList<KerasTensorRef> inputs, IReadOnlyList<KerasTensorRef> outputs)
{
    /// <summary>Model name.</summary>
    public string Name { get; } = name;

    /// <summary>Layers in definition order.</summary>
    public IReadOnlyList<KerasLayer> Layers { get; } = layers;

    /// <summary>Model inputs (outputs of InputLayers).</summary>
    public IReadOnlyList<KerasTensorRef> Inputs { get; } = inputs;

    /// <summary>Model outputs.</summary>
    public IReadOnlyList<KerasTensorRef> Outputs { get; } = outputs;

    /// <summary>The layer called <paramref name="layerName"/>, or null.</summary>
    public KerasLayer? Find(string layerName) => Layers.FirstOrDefault(l => l.Name == layerName);
}
