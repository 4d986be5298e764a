using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Ml.Solvers;

/// <summary>
/// Layer sizes of a fully connected network and the position of each affine layer in the flat weight vector, laid out
/// exactly as Spark's FeedForwardModel: for each layer l (numIn = Layers[l], numOut = Layers[l+1]) the numOut×numIn
/// weight matrix stored column-major (entry (o, i) at offset + i·numOut + o), then its numOut biases.
/// </summary>
internal sealed class NetworkTopology
{
    public NetworkTopology(int[] layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Length < 2) throw new ParamException($"Layers needs at least an input and an output size, got [{string.Join(", ", layers)}].");
        if (layers.Any(size => size < 1)) throw new ParamException($"Every layer size must be >= 1, got [{string.Join(", ", layers)}].");
        Layers = (int[])layers.Clone();
        WeightOffsets = new int[layers.Length - 1];
        int offset = 0;
        for (int l = 0; l < layers.Length - 1; l++)
        {
            WeightOffsets[l] = offset;
            offset = checked(offset + layers[l] * layers[l + 1] + layers[l + 1]);
        }
        WeightCount = offset;
    }

    public int[] Layers { get; }
    public int AffineLayers => Layers.Length - 1;
    public int Inputs => Layers[0];
    public int Outputs => Layers[^1];
    public int WeightCount { get; }

    /// <summary>Offset of layer l's weight matrix; its biases follow at <see cref="BiasOffset"/>.</summary>
    public int[] WeightOffsets { get; }

    public int BiasOffset(int l) => WeightOffsets[l] + Layers[l] * Layers[l + 1];

    public string Describe() => $"[{string.Join(", ", Layers)}]";

    /// <summary>Spark's AffineLayerModel initialisation: every weight and bias of layer l drawn as (u·4.8 − 2.4)/√numIn with u uniform in [0, 1).</summary>
    public double[] RandomWeights(long seed)
    {
        var random = new SplitMix64(seed);
        var weights = new double[WeightCount];
        for (int l = 0; l < AffineLayers; l++)
        {
            double scale = 1.0 / Math.Sqrt(Layers[l]);
            int end = BiasOffset(l) + Layers[l + 1];
            for (int i = WeightOffsets[l]; i < end; i++) weights[i] = (random.NextDouble() * 4.8 - 2.4) * scale;
        }
        return weights;
    }
}
