using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Graph;

namespace DeepLearningPipelines.Nn.Keras.Layers;

/// <summary>Keras <c>Add</c> / <c>Multiply</c>: element-wise sum or product of two or more inputs of the same shape.</summary>
public sealed class MergeLayer(string name, bool isProduct) : KerasLayer(name)
{
    public bool IsProduct { get; } = isProduct;

    public override string ClassName => IsProduct ? "Multiply" : "Add";

    public override int[] OutputShape(IReadOnlyList<int[]> inputShapes)
    {
        if (inputShapes.Count < 2) throw new ModelFormatException($"{Describe}: needs at least 2 inputs, got {inputShapes.Count}.");
        if (inputShapes.Any(s => !s.SequenceEqual(inputShapes[0])))
            throw new ModelFormatException($"{Describe}: input shapes {string.Join(", ", inputShapes.Select(KerasShape.Format))} differ.");
        return inputShapes[0];
    }

    internal override KerasValue Emit(KerasGraphEmitter e, IReadOnlyList<KerasValue> inputs, KerasLayerWeights weights)
    {
        bool channelsFirst = inputs[0].Rank == 4;
        var op = IsProduct ? OpKind.Mul : OpKind.Add;
        string acc = e.InLayout(inputs[0], channelsFirst);
        for (int i = 1; i < inputs.Count; i++)
            acc = e.Add(op, i == inputs.Count - 1 ? Name : $"{Name}/{i}", [acc, e.InLayout(inputs[i], channelsFirst)]);
        return new KerasValue(acc, inputs[0].Shape, channelsFirst);
    }
}
