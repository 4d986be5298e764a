namespace DeepLearningPipelines.Ml.Optim;

/// <summary>Stopping rules and memory of the quasi-Newton minimizers (defaults as Spark's LBFGS/OWLQN).</summary>
/// <param name="MaxIter">Maximum number of iterations (line searches); 0 returns the start point.</param>
/// <param name="Tol">Convergence tolerance: stop when |f_prev − f| ≤ Tol·max(|f|, 1e-10) or ‖∇f‖ ≤ max(Tol·|f|, 1e-8).</param>
/// <param name="Memory">Number of correction pairs kept by the quasi-Newton approximation.</param>
public sealed record MinimizerOptions(int MaxIter = 100, double Tol = 1e-6, int Memory = 10)
{
    internal void Validate()
    {
        if (MaxIter < 0) throw new Core.ParamException($"MaxIter must be >= 0, got {MaxIter}.");
        if (!(Tol >= 0) || double.IsInfinity(Tol)) throw new Core.ParamException($"Tol must be a finite value >= 0, got {Tol}.");
        if (Memory < 1) throw new Core.ParamException($"Memory must be >= 1, got {Memory}.");
    }
}
