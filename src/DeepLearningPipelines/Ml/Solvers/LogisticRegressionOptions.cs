using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Ml.Solvers;

/// <summary>Label distribution family of a logistic regression, as Spark's <c>family</c> param.</summary>
public enum LogisticRegressionFamily
{
    /// <summary>Binomial for at most two classes, multinomial otherwise.</summary>
    Auto,
    /// <summary>One coefficient vector and one intercept (labels 0/1).</summary>
    Binomial,
    /// <summary>Softmax with one coefficient vector and intercept per class.</summary>
    Multinomial,
}

/// <summary>Parameters of <see cref="LogisticRegressionSolver"/>, named and defaulted as Spark's LogisticRegression.</summary>
/// <param name="Family">Binomial or multinomial model; Auto picks by the number of classes.</param>
/// <param name="NumClasses">Number of classes; null means max(label) + 1 (at least 2 for the binomial family).</param>
/// <param name="RegParam">Regularisation strength λ ≥ 0.</param>
/// <param name="ElasticNetParam">Mixing α ∈ [0, 1]: penalty λ·((1−α)/2·‖β‖² + α·‖β‖₁).</param>
/// <param name="Standardization">Penalise the coefficients of features scaled to unit standard deviation (true) or of the original features (false).</param>
/// <param name="FitIntercept">Fit unpenalised intercepts.</param>
/// <param name="MaxIter">Maximum optimizer iterations.</param>
/// <param name="Tol">Convergence tolerance of the optimizer.</param>
public sealed record LogisticRegressionOptions(
    LogisticRegressionFamily Family = LogisticRegressionFamily.Auto,
    int? NumClasses = null,
    double RegParam = 0.0,
    double ElasticNetParam = 0.0,
    bool Standardization = true,
    bool FitIntercept = true,
    int MaxIter = 100,
    double Tol = 1e-6)
{
    internal void Validate()
    {
        if (!(RegParam >= 0) || double.IsInfinity(RegParam)) throw new ParamException($"RegParam must be a finite value >= 0, got {RegParam}.");
        if (!(ElasticNetParam >= 0 && ElasticNetParam <= 1)) throw new ParamException($"ElasticNetParam must be in [0, 1], got {ElasticNetParam}.");
        if (MaxIter < 0) throw new ParamException($"MaxIter must be >= 0, got {MaxIter}.");
        if (!(Tol >= 0) || double.IsInfinity(Tol)) throw new ParamException($"Tol must be a finite value >= 0, got {Tol}.");
        if (NumClasses is < 2) throw new ParamException($"NumClasses must be >= 2, got {NumClasses}.");
    }
}
