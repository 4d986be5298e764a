using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Ml.Optim;

/// <summary>
/// Limited-memory BFGS with a strong-Wolfe line search, stopping like Breeze's FirstOrderMinimizer as used by Spark
/// (relative objective improvement, gradient norm, or MaxIter; see <see cref="MinimizerOptions"/>).
/// </summary>
public sealed class Lbfgs(MinimizerOptions options)
{
    /// <summary>L-BFGS with Spark's defaults (MaxIter 100, Tol 1e-6, memory 10).</summary>
    public Lbfgs() : this(new MinimizerOptions()) { }

    /// <summary>Minimizes <paramref name="function"/> starting from <paramref name="initial"/> (not modified).</summary>
    public MinimizationResult Minimize(IDiffFunction function, ReadOnlySpan<double> initial)
    {
        options.Validate();
        int n = function.Dimension;
        if (initial.Length != n) throw new ParamException($"Initial point has length {initial.Length}, the function has dimension {n}.");

        var x = initial.ToArray();
        var gradient = new double[n];
        double value = function.ValueAndGradient(x, gradient);
        if (!double.IsFinite(value)) throw new DlpException($"Objective is not finite at the initial point ({value}).");

        var history = new List<double> { value };
        var memory = new LbfgsMemory(options.Memory, n);
        var lineSearch = new StrongWolfeLineSearch(function);
        var direction = new double[n];
        var s = new double[n];
        var y = new double[n];
        int iteration = 0;

        while (true)
        {
            if (ConvergenceTest.GradientConverged(VectorMath.Norm(gradient), value, options.Tol))
                return Result(ConvergenceReason.GradientConverged);
            if (iteration >= options.MaxIter) return Result(ConvergenceReason.MaxIterations);

            memory.ComputeDirection(gradient, direction);
            if (!(VectorMath.Dot(direction, gradient) < 0))
            {
                memory.Clear();
                memory.ComputeDirection(gradient, direction);
            }
            double initialStep = memory.IsEmpty ? 1.0 / VectorMath.Norm(direction) : 1.0;
            if (!lineSearch.Search(x, value, gradient, direction, initialStep, out double newValue))
            {
                if (memory.IsEmpty) return Result(ConvergenceReason.LineSearchFailed);
                memory.Clear();
                continue;
            }

            VectorMath.Subtract(lineSearch.Point, x, s);
            VectorMath.Subtract(lineSearch.Gradient, gradient, y);
            memory.TryAdd(s, y);
            lineSearch.Point.CopyTo(x, 0);
            lineSearch.Gradient.CopyTo(gradient, 0);
            double previous = value;
            value = newValue;
            history.Add(value);
            iteration++;
            if (ConvergenceTest.FunctionValuesConverged(previous, value, options.Tol))
                return Result(ConvergenceReason.FunctionValuesConverged);
        }

        MinimizationResult Result(ConvergenceReason reason) => new(x, value, iteration, history.ToArray(), reason);
    }
}
