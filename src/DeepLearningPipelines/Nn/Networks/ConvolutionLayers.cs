using DeepLearningPipelines.Nn.Keras;
using DeepLearningPipelines.Nn.Keras.Layers;

namespace DeepLearningPipelines.Nn.Networks;

/// <summary>Keras <c>Conv2D</c>: <paramref name="filters"/> square <paramref name="kernelSize"/> kernels over channels-last images.</summary>
public sealed class Conv2D(int filters, int kernelSize, int strides = 1, string padding = "valid", string activation = "linear",
    bool useBias = true, string kernelInitializer = "glorot_uniform", string? name = null) : Layer(name)
{
    /// <summary>Output channels.</summary>
    public int Filters { get; } = Positive(filters, "Conv2D filters");

    /// <summary>The kernel window: size, strides and padding.</summary>
    public KerasWindow Window { get; } = KerasWindow.Square(Positive(kernelSize, "Conv2D kernel size"), Positive(strides, "Conv2D strides"), ParsePadding(padding));

    /// <summary>Activation applied to the output (<c>linear</c>: none).</summary>
    public string Activation { get; } = CheckActivation(activation);

    /// <summary>True when the layer adds a bias.</summary>
    public bool UseBias { get; } = useBias;

    /// <summary>How the kernel starts.</summary>
    public WeightInitializer KernelInitializer { get; } = WeightInitializer.Parse(kernelInitializer);

    /// <inheritdoc />
    public override string Prefix => "conv2d";

    internal override KerasLayer ToKeras(string name) => new Conv2DLayer(name, Filters, Window, UseBias, Activation);

    internal override WeightInitializer InitializerOf(string weightName) => weightName == "kernel" ? KernelInitializer : base.InitializerOf(weightName);
}

/// <summary>Keras <c>DepthwiseConv2D</c>: one square kernel per input channel (times <paramref name="depthMultiplier"/>).</summary>
public sealed class DepthwiseConv2D(int kernelSize, int strides = 1, string padding = "valid", int depthMultiplier = 1, string activation = "linear",
    bool useBias = true, string depthwiseInitializer = "glorot_uniform", string? name = null) : Layer(name)
{
    /// <summary>The kernel window: size, strides and padding.</summary>
    public KerasWindow Window { get; } = KerasWindow.Square(Positive(kernelSize, "DepthwiseConv2D kernel size"), Positive(strides, "DepthwiseConv2D strides"), ParsePadding(padding));

    /// <summary>Output channels per input channel.</summary>
    public int DepthMultiplier { get; } = Positive(depthMultiplier, "DepthwiseConv2D depth multiplier");

    /// <summary>Activation applied to the output (<c>linear</c>: none).</summary>
    public string Activation { get; } = CheckActivation(activation);

    /// <summary>True when the layer adds a bias.</summary>
    public bool UseBias { get; } = useBias;

    /// <summary>How the depthwise kernel starts.</summary>
    public WeightInitializer DepthwiseInitializer { get; } = WeightInitializer.Parse(depthwiseInitializer);

    /// <inheritdoc />
    public override string Prefix => "depthwise_conv2d";

    internal override KerasLayer ToKeras(string name) => new DepthwiseConv2DLayer(name, Window, DepthMultiplier, UseBias, Activation);

    internal override WeightInitializer InitializerOf(string weightName) => weightName == "depthwise_kernel" ? DepthwiseInitializer : base.InitializerOf(weightName);
}
