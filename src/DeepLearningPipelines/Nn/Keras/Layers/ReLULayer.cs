using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Graph;

namespace DeepLearningPipelines.Nn.Keras.Layers;

/// <summary>
/// Keras <c>ReLU</c>: <c>min(x, max_value)</c> for x ≥ threshold, <c>negative_slope·(x − threshold)</c> below. Written as
/// Relu or Clip, plus <c>negative_slope·min(x, 0)</c> when the slope is not 0. A non-zero threshold is not supported.
/// </summary>
public sealed class ReLULayer(string name, float? maxValue = null, float negativeSlope = 0f, float threshold = 0f) : KerasLayer(name)
{
    public float? MaxValue { get; } = maxValue;
    public float NegativeSlope { get; } = negativeSlope;
    public float Threshold { get; } = threshold;

    public override string ClassName => "ReLU";

    public override int[] OutputShape(IReadOnlyList<int[]> inputShapes)
    {
        ExpectInputs(inputShapes, 1);
        if (Threshold != 0f) throw new ModelFormatException($"{Describe}: threshold {Threshold} is not supported (only 0).");
        return inputShapes[0];
    }

    internal override KerasValue Emit(KerasGraphEmitter e, IReadOnlyList<KerasValue> inputs, KerasLayerWeights weights)
    {
        var x = inputs[0];
        string positive = NegativeSlope == 0f ? Name : $"{Name}/positive";
        positive = MaxValue is { } max
            ? e.Add(OpKind.Clip, positive, [x.Name], new NodeAttributes().Set("min", 0f).Set("max", max))
            : e.Add(OpKind.Relu, positive, [x.Name]);
        if (NegativeSlope == 0f) return x with { Name = positive };
        string negative = e.Add(OpKind.Clip, $"{Name}/negative", [x.Name], new NodeAttributes().Set("max", 0f));
        string scaled = e.Add(OpKind.Mul, $"{Name}/slope", [negative, e.Constant($"{Name}/negative_slope", [NegativeSlope], 1)]);
        return x with { Name = e.Add(OpKind.Add, Name, [positive, scaled]) };
    }
}
