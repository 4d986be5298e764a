namespace DeepLearningPipelines.Nn.Kernels;

/// <summary>Element-wise binary arithmetic.</summary>
internal enum BinaryOp
{
    /// <summary>a + b.</summary>
    Add,
    /// <summary>a − b.</summary>
    Sub,
    /// <summary>a · b.</summary>
    Mul,
    /// <summary>a / b.</summary>
    Div,
}
