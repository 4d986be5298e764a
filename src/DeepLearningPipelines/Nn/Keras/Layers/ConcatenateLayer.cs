using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Graph;

namespace DeepLearningPipelines.Nn.Keras.Layers;

/// <summary>Keras <c>Concatenate</c> along a Keras axis (default −1, the channels).</summary>
public sealed class ConcatenateLayer(string name, int axis = -1) : KerasLayer(name)
{
    public int Axis { get; } = axis;

    public override string ClassName => "Concatenate";

    public override int[] OutputShape(IReadOnlyList<int[]> inputShapes)
    {
        if (inputShapes.Count < 2) throw new ModelFormatException($"{Describe}: needs at least 2 inputs, got {inputShapes.Count}.");
        int rank = inputShapes[0].Length, axis = Axis < 0 ? Axis + rank : Axis;
        if (axis <= 0 || axis >= rank) throw new ModelFormatException($"{Describe}: axis {Axis} is invalid for input {KerasShape.Format(inputShapes[0])}.");
        var result = (int[])inputShapes[0].Clone();
        foreach (var shape in inputShapes.Skip(1))
        {
            if (shape.Length != rank || Enumerable.Range(1, rank - 1).Any(d => d != axis && shape[d] != result[d]))
                throw new ModelFormatException($"{Describe}: inputs {string.Join(", ", inputShapes.Select(KerasShape.Format))} differ outside axis {Axis}.");
            result[axis] = checked(result[axis] + shape[axis]);
        }
        return result;
    }

    internal override KerasValue Emit(KerasGraphEmitter e, IReadOnlyList<KerasValue> inputs, KerasLayerWeights weights)
    {
        bool channelsFirst = inputs[0].Rank == 4;
        var layout = inputs[0] with { ChannelsFirst = channelsFirst };
        string output = e.Add(OpKind.Concat, Name, inputs.Select(x => e.InLayout(x, channelsFirst)),
            new NodeAttributes().Set("axis", KerasGraphEmitter.RuntimeAxis(layout, Axis, this)));
        return new KerasValue(output, OutputShape(inputs.Select(x => x.Shape).ToList()), channelsFirst);
    }
}
