namespace DeepLearningPipelines.Ml.Solvers;

/// <summary>A fitted logistic regression on the original feature scale.</summary>
/// <param name="CoefficientMatrix">One row per coefficient set (1 for binomial, NumClasses for multinomial), one column per feature.</param>
/// <param name="InterceptVector">One intercept per coefficient set (zeros when FitIntercept is false; centred to mean 0 for multinomial).</param>
/// <param name="NumClasses">Number of classes.</param>
/// <param name="IsMultinomial">Whether the softmax (multinomial) family was fitted.</param>
/// <param name="Iterations">Optimizer iterations run (0 when no optimisation was needed).</param>
/// <param name="ObjectiveHistory">Objective (weighted mean log-loss + penalty) at the start and after each iteration.</param>
public sealed record LogisticRegressionResult(
    double[,] CoefficientMatrix,
    double[] InterceptVector,
    int NumClasses,
    bool IsMultinomial,
    int Iterations,
    double[] ObjectiveHistory)
{
    /// <summary>Binomial coefficients (the single row of <see cref="CoefficientMatrix"/>).</summary>
    public double[] Coefficients => IsMultinomial
        ? throw new InvalidOperationException("Coefficients is only defined for a binomial model; use CoefficientMatrix.")
        : Enumerable.Range(0, CoefficientMatrix.GetLength(1)).Select(j => CoefficientMatrix[0, j]).ToArray();

    /// <summary>Binomial intercept.</summary>
    public double Intercept => IsMultinomial
        ? throw new InvalidOperationException("Intercept is only defined for a binomial model; use InterceptVector.")
        : InterceptVector[0];
}
