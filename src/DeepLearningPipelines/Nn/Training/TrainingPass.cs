namespace DeepLearningPipelines.Nn.Training;

/// <summary>
/// The values and gradients of one forward/backward pass over a <see cref="TrainingPlan"/>. A gradient buffer is
/// written by its first contributor and accumulated into by later ones (a value read by several nodes), so no
/// gradient needs clearing; <see cref="GradForWrite"/> tells a kernel which of the two it is.
/// </summary>
internal sealed class TrainingPass(Tensor?[] values, bool[] needsGrad, Func<int, Memory<float>> gradBuffer)
{
    private readonly bool[] _written = new bool[values.Length];

    /// <summary>Whether this pass trains (batch statistics, active Dropout) rather than infers.</summary>
    public required bool Training { get; init; }

    /// <summary>Seed of this pass's Dropout masks (trainer seed and step).</summary>
    public required ulong DropoutSeed { get; init; }

    /// <summary>The tensor of value <paramref name="id"/>.</summary>
    public Tensor Value(int id) => values[id]!;

    /// <summary>Sets the tensor of value <paramref name="id"/> (graph inputs).</summary>
    public void SetValue(int id, Tensor tensor) => values[id] = tensor;

    /// <summary>Whether value <paramref name="id"/> depends on a trainable parameter (or is one).</summary>
    public bool NeedsGrad(int id) => id >= 0 && needsGrad[id];

    /// <summary>Whether a gradient has reached value <paramref name="id"/>.</summary>
    public bool HasGrad(int id) => _written[id];

    /// <summary>The gradient of value <paramref name="id"/>, which must have been written.</summary>
    public Span<float> Grad(int id) => gradBuffer(id).Span;

    /// <summary>The gradient of value <paramref name="id"/> as memory (for kernels that run on several threads).</summary>
    public Memory<float> GradMemory(int id) => gradBuffer(id);

    /// <summary>As <see cref="GradForWrite"/>, as memory.</summary>
    public Memory<float> GradMemoryForWrite(int id, out bool accumulate)
    {
        accumulate = _written[id];
        _written[id] = true;
        return gradBuffer(id);
    }

    /// <summary>The gradient buffer of <paramref name="id"/> to write into; <paramref name="accumulate"/> says whether to add to what is there.</summary>
    public Span<float> GradForWrite(int id, out bool accumulate)
    {
        return GradMemoryForWrite(id, out accumulate).Span;
    }

    /// <summary>
    /// The gradient buffer of <paramref name="id"/>, cleared when nothing was written yet, for kernels that scatter-add.
    /// </summary>
    public Span<float> GradForAdd(int id)
    {
        var span = GradForWrite(id, out bool accumulate);
        if (!accumulate) span.Clear();
        return span;
    }
}
