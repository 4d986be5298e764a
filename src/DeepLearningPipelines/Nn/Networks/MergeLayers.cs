using DeepLearningPipelines.Nn.Keras;
using DeepLearningPipelines.Nn.Keras.Layers;

namespace DeepLearningPipelines.Nn.Networks;

/// <summary>Keras <c>Add</c>: the element-wise sum of two or more tensors of one shape (a residual connection).</summary>
public sealed class Add(string? name = null) : Layer(name)
{
    /// <inheritdoc />
    public override string Prefix => "add";

    internal override KerasLayer ToKeras(string name) => new MergeLayer(name, isProduct: false);
}

/// <summary>Keras <c>Concatenate</c>: joins tensors along <paramref name="axis"/> (default −1, the channels).</summary>
public sealed class Concatenate(int axis = -1, string? name = null) : Layer(name)
{
    /// <summary>The Keras axis joined along.</summary>
    public int Axis { get; } = axis;

    /// <inheritdoc />
    public override string Prefix => "concatenate";

    internal override KerasLayer ToKeras(string name) => new ConcatenateLayer(name, Axis);
}
