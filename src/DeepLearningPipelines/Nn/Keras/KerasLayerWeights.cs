using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Nn.Keras;

/// <summary>The weights of one layer, fetched from a source and checked against the shapes the layer needs.</summary>
internal sealed class KerasLayerWeights
{
    private readonly Dictionary<string, KerasWeight> _weights = new(StringComparer.Ordinal);
    private readonly KerasLayer _layer;

    public KerasLayerWeights(KerasLayer layer, IReadOnlyList<KerasWeightSpec> specs, IKerasWeightSource source)
    {
        _layer = layer;
        foreach (var spec in specs)
        {
            var weight = source.Find(layer.Name, spec.Name, spec.Shape)
                ?? throw new ModelFormatException($"{layer.Describe}: weight '{spec.Name}' {Tensor.Format(spec.Shape)} is missing from {source.Description}.");
            if (!weight.Shape.SequenceEqual(spec.Shape))
                throw new ModelFormatException($"{layer.Describe}: weight '{spec.Name}' has shape {Tensor.Format(weight.Shape)} in {source.Description}, the layer needs {Tensor.Format(spec.Shape)}.");
            if (weight.Data.Length < Tensor.ElementCount(spec.Shape))
                throw new ModelFormatException($"{layer.Describe}: weight '{spec.Name}' holds {weight.Data.Length} values, shape {Tensor.Format(spec.Shape)} needs {Tensor.ElementCount(spec.Shape)}.");
            _weights[spec.Name] = weight;
        }
    }

    /// <summary>The data of weight <paramref name="name"/> in Keras layout.</summary>
    public float[] Get(string name) =>
        _weights.TryGetValue(name, out var w) ? w.Data : throw new InvalidOperationException($"{_layer.Describe} did not declare weight '{name}'.");
}
