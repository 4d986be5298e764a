using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Ml.Optim;

/// <summary>
/// Orthant-wise limited-memory quasi-Newton (Andrew &amp; Gao 2007, as Breeze's OWLQN used by Spark) for
/// f(x) + Σᵢ λᵢ·|xᵢ| with a smooth f and per-coordinate L1 weights λᵢ ≥ 0 (λᵢ = 0 leaves xᵢ unpenalised, e.g. an intercept).
/// Uses the pseudo-gradient, sign-constrained L-BFGS directions and a backtracking line search projected onto the orthant.
/// </summary>
public sealed class OwlQn(MinimizerOptions options)
{
    private const double ArmijoC1 = 1e-4;
    private const int MaxBacktracks = 60;

    /// <summary>OWL-QN with Spark's defaults (MaxIter 100, Tol 1e-6, memory 10).</summary>
    public OwlQn() : this(new MinimizerOptions()) { }

    /// <summary>Minimizes f + Σ λᵢ|xᵢ| from <paramref name="initial"/> (not modified); <paramref name="l1Weights"/> holds λ (length n).</summary>
    public MinimizationResult Minimize(IDiffFunction function, ReadOnlySpan<double> initial, ReadOnlySpan<double> l1Weights)
    {
        options.Validate();
        int n = function.Dimension;
        if (initial.Length != n) throw new ParamException($"Initial point has length {initial.Length}, the function has dimension {n}.");
        if (l1Weights.Length != n) throw new ParamException($"L1 weights have length {l1Weights.Length}, the function has dimension {n}.");
        foreach (double w in l1Weights)
            if (!(w >= 0) || double.IsInfinity(w)) throw new ParamException($"L1 weights must be finite and >= 0, got {w}.");
        var lambda = l1Weights.ToArray();

        var x = initial.ToArray();
        var gradient = new double[n];
        double value = function.ValueAndGradient(x, gradient) + L1(x, lambda);
        if (!double.IsFinite(value)) throw new DlpException($"Objective is not finite at the initial point ({value}).");

        var history = new List<double> { value };
        var memory = new LbfgsMemory(options.Memory, n);
        var pseudoGradient = new double[n];
        var direction = new double[n];
        var orthant = new double[n];
        var trial = new double[n];
        var trialGradient = new double[n];
        var s = new double[n];
        var y = new double[n];
        int iteration = 0;

        while (true)
        {
            PseudoGradient(x, gradient, lambda, pseudoGradient);
            if (ConvergenceTest.GradientConverged(VectorMath.Norm(pseudoGradient), value, options.Tol))
                return Result(ConvergenceReason.GradientConverged);
            if (iteration >= options.MaxIter) return Result(ConvergenceReason.MaxIterations);

            memory.ComputeDirection(pseudoGradient, direction);
            AlignWithSteepestDescent(direction, pseudoGradient, lambda);
            if (!(VectorMath.Dot(direction, pseudoGradient) < 0))
            {
                memory.Clear();
                memory.ComputeDirection(pseudoGradient, direction);
            }
            for (int i = 0; i < n; i++) orthant[i] = x[i] != 0 ? Math.Sign(x[i]) : Math.Sign(-pseudoGradient[i]);

            double step = memory.IsEmpty ? 1.0 / VectorMath.Norm(direction) : 1.0;
            double trialValue = double.NaN;
            bool accepted = false;
            for (int k = 0; k < MaxBacktracks && !accepted; k++, step *= 0.5)
            {
                VectorMath.Step(x, step, direction, trial);
                ProjectOntoOrthant(trial, orthant, lambda);
                trialValue = function.ValueAndGradient(trial, trialGradient) + L1(trial, lambda);
                VectorMath.Subtract(trial, x, s);
                accepted = double.IsFinite(trialValue) && trialValue <= value + ArmijoC1 * VectorMath.Dot(pseudoGradient, s);
            }
            if (!accepted)
            {
                if (memory.IsEmpty) return Result(ConvergenceReason.LineSearchFailed);
                memory.Clear();
                continue;
            }

            VectorMath.Subtract(trialGradient, gradient, y);
            memory.TryAdd(s, y);
            trial.CopyTo(x, 0);
            trialGradient.CopyTo(gradient, 0);
            double previous = value;
            value = trialValue;
            history.Add(value);
            iteration++;
            if (ConvergenceTest.FunctionValuesConverged(previous, value, options.Tol))
                return Result(ConvergenceReason.FunctionValuesConverged);
        }

        MinimizationResult Result(ConvergenceReason reason) => new(x, value, iteration, history.ToArray(), reason);
    }

    private static double L1(ReadOnlySpan<double> x, ReadOnlySpan<double> lambda)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++) sum += lambda[i] * Math.Abs(x[i]);
        return sum;
    }

    /// <summary>The minimum-norm subgradient of f + Σλᵢ|xᵢ|.</summary>
    private static void PseudoGradient(double[] x, double[] gradient, double[] lambda, double[] result)
    {
        for (int i = 0; i < x.Length; i++)
        {
            double g = gradient[i], l = lambda[i];
            if (x[i] > 0) result[i] = g + l;
            else if (x[i] < 0) result[i] = g - l;
            else if (g + l < 0) result[i] = g + l;
            else if (g - l > 0) result[i] = g - l;
            else result[i] = 0;
        }
    }

    /// <summary>Zeroes penalised components whose sign disagrees with the steepest descent direction −pseudoGradient.</summary>
    private static void AlignWithSteepestDescent(double[] direction, double[] pseudoGradient, double[] lambda)
    {
        for (int i = 0; i < direction.Length; i++)
            if (lambda[i] > 0 && direction[i] * pseudoGradient[i] >= 0) direction[i] = 0;
    }

    /// <summary>Zeroes penalised components that left their orthant.</summary>
    private static void ProjectOntoOrthant(double[] point, double[] orthant, double[] lambda)
    {
        for (int i = 0; i < point.Length; i++)
            if (lambda[i] > 0 && Math.Sign(point[i]) != orthant[i]) point[i] = 0;
    }
}
