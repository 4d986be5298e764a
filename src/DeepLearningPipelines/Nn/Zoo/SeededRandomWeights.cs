using DeepLearningPipelines.Nn.Keras;

namespace DeepLearningPipelines.Nn.Zoo;

/// <summary>
/// Random weights of the right shapes, reproducible from a seed and the layer/weight names: Glorot-uniform kernels,
/// zero biases and betas, unit gammas, small means and variances near 1. For architecture checks and benchmarks.
/// </summary>
public sealed class SeededRandomWeights(int seed = 0) : IKerasWeightSource
{
    /// <inheritdoc />
    public string Description => $"seeded random weights (seed {seed})";

    /// <inheritdoc />
    public KerasWeight? Find(string layerName, string weightName, int[] expectedShape)
    {
        var rng = new Random(seed ^ StableHash($"{layerName}/{weightName}"));
        var data = new float[expectedShape.Aggregate(1, (a, d) => a * d)];
        switch (weightName)
        {
            case "bias" or "beta":
                break;
            case "gamma":
                Array.Fill(data, 1f);
                break;
            case "moving_mean":
                for (int i = 0; i < data.Length; i++) data[i] = (float)(rng.NextDouble() - 0.5) * 0.2f;
                break;
            case "moving_variance":
                for (int i = 0; i < data.Length; i++) data[i] = 0.5f + (float)rng.NextDouble();
                break;
            default:
                float limit = GlorotLimit(expectedShape);
                for (int i = 0; i < data.Length; i++) data[i] = (float)(rng.NextDouble() * 2 - 1) * limit;
                break;
        }
        return new KerasWeight(data, (int[])expectedShape.Clone());
    }

    /// <summary>sqrt(6 / (fan_in + fan_out)) for a kernel whose last two dimensions are (in, out).</summary>
    private static float GlorotLimit(int[] shape)
    {
        if (shape.Length < 2) return 0.05f;
        int receptive = shape[..^2].Aggregate(1, (a, d) => a * d);
        return MathF.Sqrt(6f / (receptive * (shape[^2] + shape[^1])));
    }

    /// <summary>FNV-1a over the UTF-16 code units (string.GetHashCode differs between processes).</summary>
    private static int StableHash(string text)
    {
        uint hash = 2166136261;
        foreach (char c in text) hash = (hash ^ c) * 16777619;
        return (int)hash;
    }
}
