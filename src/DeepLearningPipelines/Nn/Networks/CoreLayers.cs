using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Nn.Keras;
using DeepLearningPipelines.Nn.Keras.Layers;

namespace DeepLearningPipelines.Nn.Networks;

/// <summary>Keras <c>Dense</c>: a fully connected layer over the last axis.</summary>
public sealed class Dense(int units, string activation = "linear", bool useBias = true, string kernelInitializer = "glorot_uniform", string? name = null) : Layer(name)
{
    /// <summary>Output features.</summary>
    public int Units { get; } = Positive(units, "Dense units");

    /// <summary>Activation applied to the output (<c>linear</c>: none).</summary>
    public string Activation { get; } = CheckActivation(activation);

    /// <summary>True when the layer adds a bias.</summary>
    public bool UseBias { get; } = useBias;

    /// <summary>How the kernel starts.</summary>
    public WeightInitializer KernelInitializer { get; } = WeightInitializer.Parse(kernelInitializer);

    /// <inheritdoc />
    public override string Prefix => "dense";

    internal override KerasLayer ToKeras(string name) => new DenseLayer(name, Units, UseBias, Activation);

    internal override WeightInitializer InitializerOf(string weightName) => weightName == "kernel" ? KernelInitializer : base.InitializerOf(weightName);
}

/// <summary>Keras <c>Flatten</c>: [N, …] to [N, product] in channels-last order.</summary>
public sealed class Flatten(string? name = null) : Layer(name)
{
    /// <inheritdoc />
    public override string Prefix => "flatten";

    internal override KerasLayer ToKeras(string name) => new FlattenLayer(name);
}

/// <summary>Keras <c>Activation</c>: applies an activation by name.</summary>
public sealed class Activation(string activation, string? name = null) : Layer(name)
{
    /// <summary>The activation's Keras name.</summary>
    public string Function { get; } = CheckActivation(activation);

    /// <inheritdoc />
    public override string Prefix => "activation";

    internal override KerasLayer ToKeras(string name) => new ActivationLayer(name, Function);
}

/// <summary>
/// Keras <c>Dropout</c>: in training, zeroes each value with probability <paramref name="rate"/> and scales the rest
/// by 1 / (1 − rate); the identity at inference. The rate is written as the node's <c>ratio</c> attribute.
/// </summary>
public sealed class Dropout(float rate, string? name = null) : Layer(name)
{
    /// <summary>Fraction of values dropped in training, in [0, 1).</summary>
    public float Rate { get; } = rate is >= 0f and < 1f ? rate : throw new ParamException($"Dropout rate must be in [0, 1), got {rate}.");

    /// <inheritdoc />
    public override string Prefix => "dropout";

    internal override KerasLayer ToKeras(string name) => new DropoutLayer(name);

    internal override void Annotate(Node node) => node.Attributes.Set("ratio", Rate);
}

/// <summary>
/// Keras <c>BatchNormalization</c> over the channels: in training, batch statistics, with running averages updated by
/// <paramref name="momentum"/> (written as the node's <c>momentum</c> attribute); at inference, the running averages.
/// </summary>
public sealed class BatchNormalization(float momentum = 0.99f, float epsilon = 1e-3f, string? name = null) : Layer(name)
{
    /// <summary>Weight of the old running average in each update, in [0, 1).</summary>
    public float Momentum { get; } = momentum is >= 0f and < 1f ? momentum : throw new ParamException($"BatchNormalization momentum must be in [0, 1), got {momentum}.");

    /// <summary>Added to the variance before its square root.</summary>
    public float Epsilon { get; } = epsilon > 0f ? epsilon : throw new ParamException($"BatchNormalization epsilon must be positive, got {epsilon}.");

    /// <inheritdoc />
    public override string Prefix => "batch_normalization";

    internal override KerasLayer ToKeras(string name) => new BatchNormalizationLayer(name, Epsilon);

    internal override void Annotate(Node node) => node.Attributes.Set("momentum", Momentum);
}

/// <summary>Keras <c>Rescaling</c>: <c>x·scale + offset</c>, e.g. 1/255 to feed 0–255 pixels to a network trained on [0, 1].</summary>
public sealed class Rescaling(float scale, float offset = 0f, string? name = null) : Layer(name)
{
    /// <summary>The factor.</summary>
    public float Scale { get; } = scale;

    /// <summary>Added after scaling.</summary>
    public float Offset { get; } = offset;

    /// <inheritdoc />
    public override string Prefix => "rescaling";

    internal override KerasLayer ToKeras(string name) => new RescalingLayer(name, Scale, Offset);
}
