using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Keras;

namespace DeepLearningPipelines.Nn.Networks;

/// <summary>
/// The starting weights of a network defined in C#: each weight drawn by its layer's initializer from a generator
/// seeded by the network seed and the layer and weight names, so a run is reproducible and adding a layer leaves the
/// other layers' starting weights unchanged.
/// </summary>
internal sealed class InitializedWeights(IReadOnlyDictionary<string, Layer> layers, int seed) : IKerasWeightSource
{
    public string Description => $"initial weights (seed {seed})";

    public KerasWeight? Find(string layerName, string weightName, int[] expectedShape)
    {
        if (!layers.TryGetValue(layerName, out var layer)) return null;
        var random = new SplitMix64(seed, StableHash($"{layerName}/{weightName}"));
        return new KerasWeight(layer.InitializerOf(weightName).Create(expectedShape, random), (int[])expectedShape.Clone());
    }

    /// <summary>FNV-1a over the UTF-16 code units (string.GetHashCode differs between processes).</summary>
    private static long StableHash(string text)
    {
        ulong hash = 14695981039346656037;
        foreach (char c in text) hash = (hash ^ c) * 1099511628211;
        return (long)hash;
    }
}
