namespace DeepLearningPipelines.Ml.Optim;

/// <summary>
/// Line search for a step satisfying the strong Wolfe conditions (Nocedal &amp; Wright, Algorithms 3.5 and 3.6:
/// bracketing followed by a zoom with safeguarded cubic interpolation), c₁ = 1e-4, c₂ = 0.9.
/// After a successful search <see cref="Point"/> and <see cref="Gradient"/> hold the accepted point.
/// </summary>
internal sealed class StrongWolfeLineSearch(IDiffFunction function)
{
    private const double C1 = 1e-4;
    private const double C2 = 0.9;
    private const int MaxEvaluations = 40;

    private readonly record struct Sample(double Step, double Value, double Slope);

    public double[] Point { get; } = new double[function.Dimension];
    public double[] Gradient { get; } = new double[function.Dimension];

    /// <summary>Searches along the descent direction <paramref name="direction"/> from <paramref name="x"/>; returns false when no acceptable step was found.</summary>
    public bool Search(double[] x, double value, double[] gradient, double[] direction, double initialStep, out double acceptedValue)
    {
        var start = new Sample(0, value, VectorMath.Dot(gradient, direction));
        acceptedValue = double.NaN;
        if (!(start.Slope < 0)) return false;

        var previous = start;
        double step = initialStep;
        for (int evaluation = 0; evaluation < MaxEvaluations; evaluation++)
        {
            var current = Evaluate(x, direction, step);
            if (!double.IsFinite(current.Value) || current.Value > value + C1 * step * start.Slope
                || (evaluation > 0 && current.Value >= previous.Value))
                return Zoom(x, direction, start, previous, current, MaxEvaluations - evaluation - 1, out acceptedValue);
            if (Math.Abs(current.Slope) <= -C2 * start.Slope)
            {
                acceptedValue = current.Value;
                return true;
            }
            if (current.Slope >= 0)
                return Zoom(x, direction, start, current, previous, MaxEvaluations - evaluation - 1, out acceptedValue);
            previous = current;
            step *= 2;
        }
        return false;
    }

    private bool Zoom(double[] x, double[] direction, Sample start, Sample low, Sample high, int budget, out double acceptedValue)
    {
        acceptedValue = double.NaN;
        for (int evaluation = 0; evaluation < budget; evaluation++)
        {
            double width = Math.Abs(high.Step - low.Step);
            if (width <= 1e-16 * Math.Max(low.Step, high.Step)) return false;
            double step = Interpolate(low, high);
            var current = Evaluate(x, direction, step);
            if (!double.IsFinite(current.Value) || current.Value > start.Value + C1 * step * start.Slope || current.Value >= low.Value)
            {
                high = current;
                continue;
            }
            if (Math.Abs(current.Slope) <= -C2 * start.Slope)
            {
                acceptedValue = current.Value;
                return true;
            }
            if (current.Slope * (high.Step - low.Step) >= 0) high = low;
            low = current;
        }
        return false;
    }

    /// <summary>Minimiser of the cubic through both samples, kept inside the central 80% of the interval; bisection when the cubic is unusable.</summary>
    private static double Interpolate(Sample a, Sample b)
    {
        double lo = Math.Min(a.Step, b.Step), hi = Math.Max(a.Step, b.Step);
        double margin = 0.1 * (hi - lo);
        double midpoint = 0.5 * (lo + hi);
        if (!double.IsFinite(a.Value) || !double.IsFinite(b.Value) || !double.IsFinite(a.Slope) || !double.IsFinite(b.Slope))
            return midpoint;
        double d1 = a.Slope + b.Slope - 3 * (a.Value - b.Value) / (a.Step - b.Step);
        double discriminant = d1 * d1 - a.Slope * b.Slope;
        if (discriminant < 0) return midpoint;
        double d2 = Math.Sign(b.Step - a.Step) * Math.Sqrt(discriminant);
        double step = b.Step - (b.Step - a.Step) * (b.Slope + d2 - d1) / (b.Slope - a.Slope + 2 * d2);
        if (!double.IsFinite(step)) return midpoint;
        return Math.Clamp(step, lo + margin, hi - margin);
    }

    private Sample Evaluate(double[] x, double[] direction, double step)
    {
        VectorMath.Step(x, step, direction, Point);
        double value = function.ValueAndGradient(Point, Gradient);
        return new Sample(step, value, VectorMath.Dot(Gradient, direction));
    }
}
