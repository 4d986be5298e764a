namespace DeepLearningPipelines.Nn.Kernels;

/// <summary>Where a GEMM bias vector is added: one value per output row, per output column, or none.</summary>
internal enum BiasKind { None, PerRow, PerColumn }

/// <summary>
/// Work done on each GEMM output value as it is stored: <c>c = clamp(c + bias + residual, Min, Max)</c>, where
/// <c>c</c> is the product, plus C's prior contents with <see cref="Accumulate"/>.
/// ReLU is <c>Min = 0</c>; ReLU6 is <c>Min = 0, Max = 6</c>. The residual matrix has C's layout and lies
/// <see cref="ResidualOffset"/> bytes after C, so the offset stays valid for any sub-block of C.
/// </summary>
internal readonly unsafe struct GemmEpilogue(float* bias, BiasKind biasKind, float min = float.NegativeInfinity, float max = float.PositiveInfinity,
    bool hasResidual = false, nint residualOffset = 0, bool accumulate = false)
{
    /// <summary>Whether C's prior contents are added (<c>C += A·B</c>): a residual computed in place.</summary>
    public readonly bool Accumulate = accumulate;

    /// <summary>Bias vector (row- or column-indexed), or null.</summary>
    public readonly float* Bias = bias;
    /// <summary>How <see cref="Bias"/> is indexed.</summary>
    public readonly BiasKind BiasKind = bias == null ? BiasKind.None : biasKind;
    /// <summary>Lower clamp bound.</summary>
    public readonly float Min = min;
    /// <summary>Upper clamp bound.</summary>
    public readonly float Max = max;

    /// <summary>Whether <see cref="Min"/> or <see cref="Max"/> is finite.</summary>
    public bool HasClamp => Min != float.NegativeInfinity || Max != float.PositiveInfinity;

    /// <summary>Whether a residual matrix is added.</summary>
    public readonly bool HasResidual = hasResidual;
    /// <summary>Byte distance from an element of C to the matching residual element.</summary>
    public readonly nint ResidualOffset = residualOffset;

    /// <summary>No bias, no clamp.</summary>
    public static GemmEpilogue None => new(null, BiasKind.None);
}
