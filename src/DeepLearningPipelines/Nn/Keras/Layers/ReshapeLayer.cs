using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Graph;

namespace DeepLearningPipelines.Nn.Keras.Layers;

/// <summary>Keras <c>Reshape</c> to a per-example target shape (one entry may be −1), in channels-last element order.</summary>
public sealed class ReshapeLayer(string name, int[] targetShape) : KerasLayer(name)
{
    public int[] TargetShape { get; } = targetShape;

    public override string ClassName => "Reshape";

    public override int[] OutputShape(IReadOnlyList<int[]> inputShapes)
    {
        ExpectInputs(inputShapes, 1);
        long total = KerasShape.PerExample(inputShapes[0]);
        long known = TargetShape.Where(d => d != -1).Aggregate(1L, (a, d) => a * d);
        int unknown = TargetShape.Count(d => d == -1);
        if (unknown > 1 || TargetShape.Any(d => d < -1) || known == 0 || (unknown == 0 ? known != total : total % known != 0))
            throw new ModelFormatException($"{Describe}: cannot reshape {KerasShape.Format(inputShapes[0])} to {KerasShape.Format([-1, .. TargetShape])}.");
        return [inputShapes[0][0], .. TargetShape.Select(d => d == -1 ? (int)(total / known) : d)];
    }

    internal override KerasValue Emit(KerasGraphEmitter e, IReadOnlyList<KerasValue> inputs, KerasLayerWeights weights)
    {
        var x = inputs[0];
        string output = e.Add(OpKind.Reshape, Name, [e.ChannelsLast(x)], new NodeAttributes().Set("shape", [0, .. TargetShape]));
        return new KerasValue(output, OutputShape([x.Shape]), ChannelsFirst: false);
    }
}
