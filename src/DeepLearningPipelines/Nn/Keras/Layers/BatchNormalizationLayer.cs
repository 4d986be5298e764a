using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Graph;

namespace DeepLearningPipelines.Nn.Keras.Layers;

/// <summary>
/// Keras <c>BatchNormalization</c> at inference over the last axis: weights gamma (when <c>scale</c>), beta (when
/// <c>center</c>), moving_mean and moving_variance, each [C]; a missing gamma is 1 and a missing beta 0.
/// </summary>
public sealed class BatchNormalizationLayer(string name, float epsilon = 1e-3f, bool center = true, bool scale = true, int axis = -1) : KerasLayer(name)
{
    /// <summary>Normalised axis; only the last one is supported.</summary>
    public int Axis { get; } = axis;

    public float Epsilon { get; } = epsilon;
    public bool Center { get; } = center;
    public bool Scale { get; } = scale;

    public override string ClassName => "BatchNormalization";

    public override IReadOnlyList<KerasWeightSpec> WeightShapes(IReadOnlyList<int[]> inputShapes)
    {
        int[] c = [inputShapes[0][^1]];
        var specs = new List<KerasWeightSpec>();
        if (Scale) specs.Add(new("gamma", c));
        if (Center) specs.Add(new("beta", c));
        specs.Add(new("moving_mean", c));
        specs.Add(new("moving_variance", c));
        return specs;
    }

    public override int[] OutputShape(IReadOnlyList<int[]> inputShapes)
    {
        ExpectInputs(inputShapes, 1);
        if (inputShapes[0].Length is not (2 or 4))
            throw new ModelFormatException($"{Describe}: only [batch,features] and [batch,height,width,channels] inputs are supported, got {KerasShape.Format(inputShapes[0])}.");
        if (Axis != -1 && Axis != inputShapes[0].Length - 1)
            throw new ModelFormatException($"{Describe}: axis {Axis} is not supported for input {KerasShape.Format(inputShapes[0])} (only the last axis).");
        return inputShapes[0];
    }

    internal override KerasValue Emit(KerasGraphEmitter e, IReadOnlyList<KerasValue> inputs, KerasLayerWeights weights)
    {
        var x = inputs[0];
        int channels = x.Shape[^1];
        string gamma = e.Constant($"{Name}/gamma", Scale ? weights.Get("gamma") : Enumerable.Repeat(1f, channels).ToArray(), channels);
        string beta = e.Constant($"{Name}/beta", Center ? weights.Get("beta") : new float[channels], channels);
        string mean = e.Constant($"{Name}/moving_mean", weights.Get("moving_mean"), channels);
        string variance = e.Constant($"{Name}/moving_variance", weights.Get("moving_variance"), channels);
        string output = e.Add(OpKind.BatchNormalization, Name, [e.ChannelsFirst(x), gamma, beta, mean, variance], new NodeAttributes().Set("epsilon", Epsilon));
        return new KerasValue(output, x.Shape, ChannelsFirst: x.Rank == 4);
    }
}
