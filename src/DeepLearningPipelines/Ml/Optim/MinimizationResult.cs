namespace DeepLearningPipelines.Ml.Optim;

/// <summary>Why a minimizer stopped.</summary>
public enum ConvergenceReason
{
    /// <summary>MaxIter iterations were run.</summary>
    MaxIterations,
    /// <summary>The relative improvement of the objective fell below Tol.</summary>
    FunctionValuesConverged,
    /// <summary>The (pseudo-)gradient norm became negligible.</summary>
    GradientConverged,
    /// <summary>The change of the variables fell below Tol (gradient descent).</summary>
    StepConverged,
    /// <summary>No step decreasing the objective could be found, even along the steepest descent direction.</summary>
    LineSearchFailed,
}

/// <summary>Outcome of a minimization.</summary>
/// <param name="Solution">The final point.</param>
/// <param name="Value">Objective at <paramref name="Solution"/> (including any L1 term).</param>
/// <param name="Iterations">Number of iterations run.</param>
/// <param name="ObjectiveHistory">Objective at the start point followed by the objective after each iteration.</param>
/// <param name="Reason">Why the minimizer stopped.</param>
public sealed record MinimizationResult(
    double[] Solution, double Value, int Iterations, double[] ObjectiveHistory, ConvergenceReason Reason);
