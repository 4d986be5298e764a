namespace DeepLearningPipelines.Nn.Networks;

/// <summary>
/// The output of a layer call in a network being defined (Keras' symbolic tensor): what produced it and from which
/// inputs. It holds no data; a <see cref="Network"/> is built from the tensors between its input and output.
/// </summary>
public class SymbolicTensor
{
    private static long _created;

    internal SymbolicTensor(Layer? producer, IReadOnlyList<SymbolicTensor> inputs)
    {
        Producer = producer;
        Inputs = inputs;
        Order = Interlocked.Increment(ref _created);
    }

    /// <summary>The layer whose call made this tensor; null for an <see cref="Input"/>.</summary>
    public Layer? Producer { get; }

    /// <summary>The tensors the producing call read.</summary>
    public IReadOnlyList<SymbolicTensor> Inputs { get; }

    /// <summary>Creation order: a tensor is always created after the tensors it reads.</summary>
    internal long Order { get; }
}

/// <summary>Keras <c>Input</c>: a network input of a fixed per-example shape, channels-last for images (height, width, channels).</summary>
public sealed class Input : SymbolicTensor
{
    /// <param name="shape">Per-example shape without the batch, e.g. 28, 28, 1.</param>
    public Input(params int[] shape) : this(shape, null)
    {
    }

    /// <param name="shape">Per-example shape without the batch.</param>
    /// <param name="name">Input name; null: Keras' automatic name (<c>input_1</c>).</param>
    public Input(int[] shape, string? name) : base(null, [])
    {
        if (shape.Length == 0 || shape.Any(d => d < 1))
            throw new Core.ParamException($"Input shape ({string.Join(", ", shape)}) must have at least one dimension, each at least 1.");
        Shape = (int[])shape.Clone();
        Name = name;
    }

    /// <summary>Per-example shape without the batch.</summary>
    public int[] Shape { get; }

    /// <summary>The given name, or null for an automatic one.</summary>
    public string? Name { get; }
}
