using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Graph;

namespace DeepLearningPipelines.Nn.Keras.Layers;

/// <summary>Keras <c>Conv2D</c> (channels-last, kernel [kh, kw, in, filters], optional bias and activation).</summary>
public sealed class Conv2DLayer(string name, int filters, KerasWindow window, bool useBias = true, string activation = "linear") : KerasLayer(name)
{
    public int Filters { get; } = filters;
    public KerasWindow Window { get; } = window;
    public bool UseBias { get; } = useBias;
    public string Activation { get; } = activation;

    public override string ClassName => "Conv2D";

    public override IReadOnlyList<KerasWeightSpec> WeightShapes(IReadOnlyList<int[]> inputShapes)
    {
        int channels = ExpectImage(inputShapes[0])[3];
        var kernel = new KerasWeightSpec("kernel", [Window.KernelH, Window.KernelW, channels, Filters]);
        return UseBias ? [kernel, new KerasWeightSpec("bias", [Filters])] : [kernel];
    }

    public override int[] OutputShape(IReadOnlyList<int[]> inputShapes) => WindowedOutputShape(inputShapes, Window, _ => Filters);

    internal override KerasValue Emit(KerasGraphEmitter e, IReadOnlyList<KerasValue> inputs, KerasLayerWeights weights)
    {
        var x = inputs[0];
        int channels = x.Shape[3];
        string kernel = e.Constant($"{Name}/kernel", ConvKernels.HwioToOihw(weights.Get("kernel"), Window.KernelH, Window.KernelW, channels, Filters),
            Filters, channels, Window.KernelH, Window.KernelW);
        List<string> args = [e.ChannelsFirst(x), kernel];
        if (UseBias) args.Add(e.Constant($"{Name}/bias", weights.Get("bias"), Filters));
        string conv = e.Add(OpKind.Conv, Name, args, ConvAttributes.For(Window, x.Shape, group: 1));
        return e.Activate(new KerasValue(conv, OutputShape([x.Shape]), ChannelsFirst: true), Activation, this);
    }
}

/// <summary>Runtime Conv attributes for a Keras window.</summary>
internal static class ConvAttributes
{
    public static NodeAttributes For(KerasWindow window, int[] kerasInput, int group) => new NodeAttributes()
        .Set("kernel_shape", [window.KernelH, window.KernelW])
        .Set("strides", [window.StrideH, window.StrideW])
        .Set("dilations", [window.DilationH, window.DilationW])
        .Set("pads", window.Pads(kerasInput[1], kerasInput[2]))
        .Set("group", group);
}
