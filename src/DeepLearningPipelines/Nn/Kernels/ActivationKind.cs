namespace DeepLearningPipelines.Nn.Kernels;

/// <summary>Element-wise activation functions.</summary>
internal enum ActivationKind
{
    /// <summary>max(x, 0).</summary>
    Relu,
    /// <summary>min(max(x, 0), 6).</summary>
    Relu6,
    /// <summary>min(max(x, min), max).</summary>
    Clip,
    /// <summary>1 / (1 + e^−x).</summary>
    Sigmoid,
    /// <summary>tanh(x).</summary>
    Tanh,
    /// <summary>x · sigmoid(x) (swish).</summary>
    Silu,
    /// <summary>x · min(max(x + 3, 0), 6) / 6.</summary>
    HardSwish,
}
