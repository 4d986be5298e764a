namespace DeepLearningPipelines.Ml.Optim;

/// <summary>A differentiable objective f: ℝⁿ → ℝ evaluated in double precision.</summary>
public interface IDiffFunction
{
    /// <summary>Number of variables n.</summary>
    int Dimension { get; }

    /// <summary>Returns f(<paramref name="x"/>) and writes ∇f(<paramref name="x"/>) into <paramref name="gradient"/> (length n, overwritten).</summary>
    double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient);
}
