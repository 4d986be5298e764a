using DeepLearningPipelines.Nn.Graph;

namespace DeepLearningPipelines.Nn.Keras.Layers;

/// <summary>Keras <c>Flatten</c>: [N, …] to [N, product], in Keras' channels-last element order.</summary>
public sealed class FlattenLayer(string name) : KerasLayer(name)
{
    public override string ClassName => "Flatten";

    public override int[] OutputShape(IReadOnlyList<int[]> inputShapes)
    {
        ExpectInputs(inputShapes, 1);
        return [inputShapes[0][0], checked((int)KerasShape.PerExample(inputShapes[0]))];
    }

    internal override KerasValue Emit(KerasGraphEmitter e, IReadOnlyList<KerasValue> inputs, KerasLayerWeights weights)
    {
        var x = inputs[0];
        string output = e.Add(OpKind.Flatten, Name, [e.ChannelsLast(x)], new NodeAttributes().Set("axis", 1));
        return new KerasValue(output, OutputShape([x.Shape]), ChannelsFirst: false);
    }
}
