using DeepLearningPipelines.Nn.Graph;

namespace DeepLearningPipelines.Nn.Keras.Layers;

/// <summary>Keras <c>ZeroPadding2D</c> with ((top, bottom), (left, right)) padding.</summary>
public sealed class ZeroPadding2DLayer(string name, int top, int bottom, int left, int right) : KerasLayer(name)
{
    public int Top { get; } = top;
    public int Bottom { get; } = bottom;
    public int Left { get; } = left;
    public int Right { get; } = right;

    public override string ClassName => "ZeroPadding2D";

    public override int[] OutputShape(IReadOnlyList<int[]> inputShapes)
    {
        ExpectInputs(inputShapes, 1);
        int[] x = ExpectImage(inputShapes[0]);
        return [x[0], checked(x[1] + Top + Bottom), checked(x[2] + Left + Right), x[3]];
    }

    internal override KerasValue Emit(KerasGraphEmitter e, IReadOnlyList<KerasValue> inputs, KerasLayerWeights weights)
    {
        var x = inputs[0];
        string output = e.Add(OpKind.Pad, Name, [e.ChannelsFirst(x)], new NodeAttributes().Set("pads", [0, 0, Top, Left, 0, 0, Bottom, Right]).Set("value", 0f));
        return new KerasValue(output, OutputShape([x.Shape]), ChannelsFirst: true);
    }
}
