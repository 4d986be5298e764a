namespace DeepLearningPipelines.Nn.Kernels;

/// <summary>Where a GEMM bias vector is added: one value per output row, per output column, or none.</summary>
internal enum BiasKind { None, PerRow, PerColumn }

/// <summary>
/// Work done on each GEMM output value as it is stored: <c>c = clamp(c + bias, Min, Max)</c>.
/// ReLU is <c>Min = 0</c>; ReLU6 is <c>Min = 0, Max = 6</c>.
/// </summary>
internal readonly unsafe struct GemmEpilogue(float* bias, BiasKind biasKind, float min = float.NegativeInfinity, float max = float.PositiveInfinity)
{
    /// <summary>Bias vector (row- or column-indexed), or null.</summary>
    public readonly float* Bias = bias;
    /// <summary>How <see cref="Bias"/> is indexed.</summary>
    public readonly BiasKind BiasKind = bias == null ? BiasKind.None : biasKind;
    /// <summary>Lower clamp bound.</summary>
    public readonly float Min = min;
    /// <summary>Upper clamp bound.</summary>
    public readonly float Max = max;

    /// <summary>No bias, no clamp.</summary>
    public static GemmEpilogue None => new(null, BiasKind.None);
}
