namespace DeepLearningPipelines.Nn.Keras.Layers;

/// <summary>A model input of fixed per-example shape (channels-last for images); it becomes a graph input of the same name.</summary>
public sealed class InputLayer(string name, int[] shape) : KerasLayer(name)
{
    /// <summary>Per-example shape, without the batch dimension.</summary>
    public int[] Shape { get; } = shape;

    public override string ClassName => "InputLayer";

    public override int[] OutputShape(IReadOnlyList<int[]> inputShapes) => [-1, .. Shape];

    internal override KerasValue Emit(KerasGraphEmitter emitter, IReadOnlyList<KerasValue> inputs, KerasLayerWeights weights) =>
        new(Name, OutputShape(inputShapes: []), ChannelsFirst: false);
}
