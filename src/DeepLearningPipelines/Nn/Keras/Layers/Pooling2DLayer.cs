using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Graph;

namespace DeepLearningPipelines.Nn.Keras.Layers;

/// <summary>
/// Keras <c>MaxPooling2D</c> / <c>AveragePooling2D</c>. With <c>same</c> padding the average counts only cells inside the
/// image, as TensorFlow does.
/// </summary>
public sealed class Pooling2DLayer(string name, bool isMax, KerasWindow window) : KerasLayer(name)
{
    public bool IsMax { get; } = isMax;
    public KerasWindow Window { get; } = window;

    public override string ClassName => IsMax ? "MaxPooling2D" : "AveragePooling2D";

    public override int[] OutputShape(IReadOnlyList<int[]> inputShapes) => WindowedOutputShape(inputShapes, Window, c => c, "pool");

    internal override KerasValue Emit(KerasGraphEmitter e, IReadOnlyList<KerasValue> inputs, KerasLayerWeights weights)
    {
        var x = inputs[0];
        var attributes = new NodeAttributes()
            .Set("kernel_shape", [Window.KernelH, Window.KernelW])
            .Set("strides", [Window.StrideH, Window.StrideW])
            .Set("pads", Window.Pads(x.Shape[1], x.Shape[2]));
        if (!IsMax) attributes.Set("count_include_pad", 0);
        string output = e.Add(IsMax ? OpKind.MaxPool : OpKind.AveragePool, Name, [e.ChannelsFirst(x)], attributes);
        return new KerasValue(output, OutputShape([x.Shape]), ChannelsFirst: true);
    }
}
