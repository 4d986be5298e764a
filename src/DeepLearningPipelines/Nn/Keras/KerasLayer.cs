using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Nn.Keras;

/// <summary>
/// One Keras layer: its configuration, the tensors each of its calls reads (<see cref="Calls"/>), the shapes of its
/// weights and its output shape in Keras (channels-last) terms, and how it is written into the runtime graph.
/// Shapes include the batch as −1 in position 0.
/// </summary>
public abstract class KerasLayer(string name)
{
    /// <summary>Layer name, unique in a model; weights are matched by it.</summary>
    public string Name { get; } = name;

    /// <summary>Keras class name, e.g. <c>Conv2D</c>.</summary>
    public abstract string ClassName { get; }

    /// <summary>For each call of the layer (Keras "inbound node"), the tensors it reads.</summary>
    public List<IReadOnlyList<KerasTensorRef>> Calls { get; } = [];

    /// <summary>Names and shapes of the weights this layer needs for the given input shapes (none by default).</summary>
    public virtual IReadOnlyList<KerasWeightSpec> WeightShapes(IReadOnlyList<int[]> inputShapes) => [];

    /// <summary>Output shape for the given input shapes; throws <see cref="ModelFormatException"/> when they do not fit.</summary>
    public abstract int[] OutputShape(IReadOnlyList<int[]> inputShapes);

    /// <summary>Writes the layer's nodes; returns the value holding its output.</summary>
    internal abstract KerasValue Emit(KerasGraphEmitter emitter, IReadOnlyList<KerasValue> inputs, KerasLayerWeights weights);

    /// <summary>An error message prefix naming the layer and its class.</summary>
    internal string Describe => $"layer '{Name}' ({ClassName})";

    /// <summary>Requires exactly <paramref name="count"/> inputs.</summary>
    protected void ExpectInputs(IReadOnlyList<int[]> inputShapes, int count)
    {
        if (inputShapes.Count != count)
            throw new ModelFormatException($"{Describe}: expects {count} input(s), got {inputShapes.Count}.");
    }

    /// <summary>Requires a rank-4 (batch, height, width, channels) input.</summary>
    protected int[] ExpectImage(int[] shape)
    {
        if (shape.Length != 4) throw new ModelFormatException($"{Describe}: expects a [batch,height,width,channels] input, got {KerasShape.Format(shape)}.");
        return shape;
    }

    /// <summary>
    /// The output shape of a sliding-window layer (convolution or pooling) on its single image input, with
    /// <paramref name="outputChannels"/> computed from the input channels; fails when the window does not fit.
    /// </summary>
    protected int[] WindowedOutputShape(IReadOnlyList<int[]> inputShapes, KerasWindow window, Func<int, int> outputChannels, string what = "window")
    {
        ExpectInputs(inputShapes, 1);
        int[] x = ExpectImage(inputShapes[0]);
        var (h, w) = window.Output(x[1], x[2]);
        if (h <= 0 || w <= 0) throw new ModelFormatException($"{Describe}: {what} {window.KernelH}×{window.KernelW} does not fit input {KerasShape.Format(x)}.");
        return [x[0], h, w, outputChannels(x[3])];
    }
}

/// <summary>A weight a layer needs: its Keras name (<c>kernel</c>, <c>bias</c>, <c>gamma</c>…) and Keras shape.</summary>
public sealed record KerasWeightSpec(string Name, int[] Shape)
{
    /// <summary>Number of elements.</summary>
    public long Count => Shape.Aggregate(1L, (a, d) => a * d);
}
