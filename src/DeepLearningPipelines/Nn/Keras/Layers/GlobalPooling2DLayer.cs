using DeepLearningPipelines.Nn.Graph;

namespace DeepLearningPipelines.Nn.Keras.Layers;

/// <summary>Keras <c>GlobalAveragePooling2D</c> / <c>GlobalMaxPooling2D</c>: [N, H, W, C] to [N, C], or [N, 1, 1, C] with <c>keepdims</c>.</summary>
public sealed class GlobalPooling2DLayer(string name, bool isMax, bool keepDims = false) : KerasLayer(name)
{
    public bool IsMax { get; } = isMax;
    public bool KeepDims { get; } = keepDims;

    public override string ClassName => IsMax ? "GlobalMaxPooling2D" : "GlobalAveragePooling2D";

    public override int[] OutputShape(IReadOnlyList<int[]> inputShapes)
    {
        ExpectInputs(inputShapes, 1);
        int[] x = ExpectImage(inputShapes[0]);
        return KeepDims ? [x[0], 1, 1, x[3]] : [x[0], x[3]];
    }

    internal override KerasValue Emit(KerasGraphEmitter e, IReadOnlyList<KerasValue> inputs, KerasLayerWeights weights)
    {
        var x = inputs[0];
        string pooledName = KeepDims ? Name : $"{Name}/pool";
        string pooled = IsMax
            ? e.Add(OpKind.MaxPool, pooledName, [e.ChannelsFirst(x)], new NodeAttributes().Set("kernel_shape", [x.Shape[1], x.Shape[2]]))
            : e.Add(OpKind.GlobalAveragePool, pooledName, [e.ChannelsFirst(x)]);
        string output = KeepDims ? pooled : e.Add(OpKind.Flatten, Name, [pooled], new NodeAttributes().Set("axis", 1));
        return new KerasValue(output, OutputShape([x.Shape]), ChannelsFirst: KeepDims);
    }
}
