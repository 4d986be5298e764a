using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Graph;

namespace DeepLearningPipelines.Nn.Keras.Layers;

/// <summary>Keras <c>DepthwiseConv2D</c>: kernel [kh, kw, C, multiplier]; output channel c·multiplier + m.</summary>
public sealed class DepthwiseConv2DLayer(string name, KerasWindow window, int depthMultiplier = 1, bool useBias = true, string activation = "linear") : KerasLayer(name)
{
    public KerasWindow Window { get; } = window;
    public int DepthMultiplier { get; } = depthMultiplier;
    public bool UseBias { get; } = useBias;
    public string Activation { get; } = activation;

    public override string ClassName => "DepthwiseConv2D";

    public override IReadOnlyList<KerasWeightSpec> WeightShapes(IReadOnlyList<int[]> inputShapes)
    {
        int channels = ExpectImage(inputShapes[0])[3];
        var kernel = new KerasWeightSpec("depthwise_kernel", [Window.KernelH, Window.KernelW, channels, DepthMultiplier]);
        return UseBias ? [kernel, new KerasWeightSpec("bias", [checked(channels * DepthMultiplier)])] : [kernel];
    }

    public override int[] OutputShape(IReadOnlyList<int[]> inputShapes) => WindowedOutputShape(inputShapes, Window, c => checked(c * DepthMultiplier));

    internal override KerasValue Emit(KerasGraphEmitter e, IReadOnlyList<KerasValue> inputs, KerasLayerWeights weights)
    {
        var x = inputs[0];
        int channels = x.Shape[3], outChannels = channels * DepthMultiplier;
        string kernel = e.Constant($"{Name}/depthwise_kernel",
            ConvKernels.DepthwiseToGrouped(weights.Get("depthwise_kernel"), Window.KernelH, Window.KernelW, channels, DepthMultiplier),
            outChannels, 1, Window.KernelH, Window.KernelW);
        List<string> args = [e.ChannelsFirst(x), kernel];
        if (UseBias) args.Add(e.Constant($"{Name}/bias", weights.Get("bias"), outChannels));
        string conv = e.Add(OpKind.Conv, Name, args, ConvAttributes.For(Window, x.Shape, group: channels));
        return e.Activate(new KerasValue(conv, OutputShape([x.Shape]), ChannelsFirst: true), Activation, this);
    }
}
