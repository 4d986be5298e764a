using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Graph;

namespace DeepLearningPipelines.Nn.Keras.Layers;

/// <summary>
/// Keras <c>SeparableConv2D</c>: a depthwise convolution (kernel [kh, kw, C, M], no bias) followed by a 1×1 pointwise
/// convolution (kernel [1, 1, C·M, filters]) with the optional bias and activation.
/// </summary>
public sealed class SeparableConv2DLayer(string name, int filters, KerasWindow window, int depthMultiplier = 1, bool useBias = true, string activation = "linear") : KerasLayer(name)
{
    public int Filters { get; } = filters;
    public KerasWindow Window { get; } = window;
    public int DepthMultiplier { get; } = depthMultiplier;
    public bool UseBias { get; } = useBias;
    public string Activation { get; } = activation;

    public override string ClassName => "SeparableConv2D";

    public override IReadOnlyList<KerasWeightSpec> WeightShapes(IReadOnlyList<int[]> inputShapes)
    {
        int channels = ExpectImage(inputShapes[0])[3];
        List<KerasWeightSpec> specs =
        [
            new("depthwise_kernel", [Window.KernelH, Window.KernelW, channels, DepthMultiplier]),
            new("pointwise_kernel", [1, 1, checked(channels * DepthMultiplier), Filters]),
        ];
        if (UseBias) specs.Add(new("bias", [Filters]));
        return specs;
    }

    public override int[] OutputShape(IReadOnlyList<int[]> inputShapes) => WindowedOutputShape(inputShapes, Window, _ => Filters);

    internal override KerasValue Emit(KerasGraphEmitter e, IReadOnlyList<KerasValue> inputs, KerasLayerWeights weights)
    {
        var x = inputs[0];
        int channels = x.Shape[3], middle = channels * DepthMultiplier;
        string depthwiseKernel = e.Constant($"{Name}/depthwise_kernel",
            ConvKernels.DepthwiseToGrouped(weights.Get("depthwise_kernel"), Window.KernelH, Window.KernelW, channels, DepthMultiplier),
            middle, 1, Window.KernelH, Window.KernelW);
        string depthwise = e.Add(OpKind.Conv, $"{Name}/depthwise", [e.ChannelsFirst(x), depthwiseKernel], ConvAttributes.For(Window, x.Shape, group: channels));

        string pointwiseKernel = e.Constant($"{Name}/pointwise_kernel", ConvKernels.HwioToOihw(weights.Get("pointwise_kernel"), 1, 1, middle, Filters), Filters, middle, 1, 1);
        List<string> args = [depthwise, pointwiseKernel];
        if (UseBias) args.Add(e.Constant($"{Name}/bias", weights.Get("bias"), Filters));
        string pointwise = e.Add(OpKind.Conv, Name, args, ConvAttributes.For(KerasWindow.Square(1), OutputShape([x.Shape]), group: 1));
        return e.Activate(new KerasValue(pointwise, OutputShape([x.Shape]), ChannelsFirst: true), Activation, this);
    }
}
