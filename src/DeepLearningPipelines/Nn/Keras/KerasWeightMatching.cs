using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Keras.Hdf5;

namespace DeepLearningPipelines.Nn.Keras;

/// <summary>
/// Chooses how a Keras HDF5 weights file is matched to an architecture: by layer name when the file has every layer
/// of the architecture that holds weights, otherwise by order (what Keras' <c>load_weights</c> does without
/// <c>by_name</c>): the i-th weighted layer of the architecture takes the i-th weighted layer of the file. A file
/// with more weighted layers (e.g. with its classifier top, for a model without) serves through its leading layers.
/// The architecture's order is its definition order, which is Keras' layer order for chain-like models; for branching
/// models Keras orders layers by depth, and a differing order shows up as a weight shape error naming the layer.
/// </summary>
public static class KerasWeightMatching
{
    /// <summary>A weight source for <paramref name="model"/> reading <paramref name="file"/>.</summary>
    public static IKerasWeightSource For(KerasModel model, KerasHdf5Weights file)
    {
        var weighted = WeightedLayers(model);
        if (weighted.All(file.LayerNames.Contains)) return file;
        var stored = file.WeightedLayerNames;
        if (stored.Count < weighted.Count)
            throw new ModelFormatException($"{file.Description}: the model has {weighted.Count} layers with weights, the file {stored.Count}; " +
                $"layers missing by name include '{weighted.First(n => !file.LayerNames.Contains(n))}'.");
        return new RenamedLayers(file, weighted.Zip(stored).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal));
    }

    /// <summary>Names of the layers of <paramref name="model"/> that have weights, in definition order.</summary>
    public static IReadOnlyList<string> WeightedLayers(KerasModel model)
    {
        var weights = KerasGraphBuilder.Summarize(model).Weights;
        return model.Layers.Where(l => weights.TryGetValue(l.Name, out var w) && w.Count > 0).Select(l => l.Name).ToList();
    }

    /// <summary>Reads the weights of layer <c>map[name]</c> of the inner source for layer <c>name</c>.</summary>
    private sealed class RenamedLayers(IKerasWeightSource inner, IReadOnlyDictionary<string, string> map) : IKerasWeightSource
    {
        public string Description => $"{inner.Description} (matched by layer order)";

        public KerasWeight? Find(string layerName, string weightName, int[] expectedShape) =>
            map.TryGetValue(layerName, out var stored) ? inner.Find(stored, weightName, expectedShape) : null;
    }
}
