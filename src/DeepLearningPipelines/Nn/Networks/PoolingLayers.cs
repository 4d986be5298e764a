using DeepLearningPipelines.Nn.Keras;
using DeepLearningPipelines.Nn.Keras.Layers;

namespace DeepLearningPipelines.Nn.Networks;

/// <summary>Keras <c>MaxPooling2D</c>: the maximum over square windows; strides default to the pool size.</summary>
public sealed class MaxPooling2D(int poolSize = 2, int? strides = null, string padding = "valid", string? name = null) : Layer(name)
{
    /// <summary>The pooling window.</summary>
    public KerasWindow Window { get; } = KerasWindow.Square(Positive(poolSize, "MaxPooling2D pool size"), Positive(strides ?? poolSize, "MaxPooling2D strides"), ParsePadding(padding));

    /// <inheritdoc />
    public override string Prefix => "max_pooling2d";

    internal override KerasLayer ToKeras(string name) => new Pooling2DLayer(name, isMax: true, Window);
}

/// <summary>Keras <c>AveragePooling2D</c>: the mean over square windows (with <c>same</c> padding, of the cells inside the image).</summary>
public sealed class AveragePooling2D(int poolSize = 2, int? strides = null, string padding = "valid", string? name = null) : Layer(name)
{
    /// <summary>The pooling window.</summary>
    public KerasWindow Window { get; } = KerasWindow.Square(Positive(poolSize, "AveragePooling2D pool size"), Positive(strides ?? poolSize, "AveragePooling2D strides"), ParsePadding(padding));

    /// <inheritdoc />
    public override string Prefix => "average_pooling2d";

    internal override KerasLayer ToKeras(string name) => new Pooling2DLayer(name, isMax: false, Window);
}

/// <summary>Keras <c>GlobalAveragePooling2D</c>: [N, H, W, C] to [N, C].</summary>
public sealed class GlobalAveragePooling2D(string? name = null) : Layer(name)
{
    /// <inheritdoc />
    public override string Prefix => "global_average_pooling2d";

    internal override KerasLayer ToKeras(string name) => new GlobalPooling2DLayer(name, isMax: false);
}
