using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Ml.Optim;

/// <summary>
/// Full-batch gradient descent with a constant step, x ← x − StepSize·∇f(x), as Spark's mllib GradientDescent with
/// miniBatchFraction 1.0 and the ANNUpdater of MultilayerPerceptronClassifier. Stops after MaxIter iterations or when
/// ‖x₊ − x‖ &lt; Tol·max(‖x₊‖, 1) (mllib's convergenceTol test).
/// </summary>
public sealed class GradientDescent(double stepSize, int maxIter, double tol)
{
    /// <summary>Minimizes <paramref name="function"/> from <paramref name="initial"/> (not modified).</summary>
    public MinimizationResult Minimize(IDiffFunction function, ReadOnlySpan<double> initial)
    {
        if (!(stepSize > 0) || double.IsInfinity(stepSize)) throw new ParamException($"StepSize must be a finite value > 0, got {stepSize}.");
        new MinimizerOptions(maxIter, tol).Validate();
        int n = function.Dimension;
        if (initial.Length != n) throw new ParamException($"Initial point has length {initial.Length}, the function has dimension {n}.");

        var x = initial.ToArray();
        var gradient = new double[n];
        double value = function.ValueAndGradient(x, gradient);
        var history = new List<double> { value };
        for (int iteration = 1; iteration <= maxIter; iteration++)
        {
            double stepLength = stepSize * VectorMath.Norm(gradient);
            VectorMath.Axpy(-stepSize, gradient, x);
            value = function.ValueAndGradient(x, gradient);
            history.Add(value);
            if (!double.IsFinite(value))
                throw new DlpException($"Gradient descent diverged at iteration {iteration} (objective {value}); use a smaller StepSize.");
            if (stepLength < tol * Math.Max(VectorMath.Norm(x), 1.0))
                return new MinimizationResult(x, value, iteration, history.ToArray(), ConvergenceReason.StepConverged);
        }
        return new MinimizationResult(x, value, maxIter, history.ToArray(), ConvergenceReason.MaxIterations);
    }
}
