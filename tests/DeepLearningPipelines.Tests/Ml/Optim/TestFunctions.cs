using DeepLearningPipelines.Ml.Optim;

namespace DeepLearningPipelines.Tests.Ml.Optim;

/// <summary>f(x) = ½ xᵀAx − bᵀx with a symmetric positive definite A; minimum at A⁻¹b.</summary>
internal sealed class Quadratic(double[,] a, double[] b) : IDiffFunction
{
    public int Dimension => b.Length;

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        double value = 0;
        for (int i = 0; i < b.Length; i++)
        {
            double ax = 0;
            for (int j = 0; j < b.Length; j++) ax += a[i, j] * x[j];
            gradient[i] = ax - b[i];
            value += 0.5 * x[i] * ax - b[i] * x[i];
        }
        return value;
    }

    /// <summary>A = QᵀDQ + I-like SPD matrix from a fixed pseudo-random generator, eigenvalues spread over [1, conditionNumber].</summary>
    public static Quadratic Random(int n, double conditionNumber, int seed)
    {
        var random = new Random(seed);
        var m = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) m[i, j] = random.NextDouble() - 0.5;
        var a = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int k = 0; k < n; k++) sum += m[k, i] * m[k, j];
                a[i, j] = sum;
            }
        for (int i = 0; i < n; i++) a[i, i] += 1 + (conditionNumber - 1) * i / (n - 1.0);
        var b = new double[n];
        for (int i = 0; i < n; i++) b[i] = 4 * random.NextDouble() - 2;
        return new Quadratic(a, b);
    }

    public double[,] Matrix => a;
    public double[] Linear => b;
}

/// <summary>The n-dimensional Rosenbrock function Σ 100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)², minimum 0 at (1, …, 1).</summary>
internal sealed class Rosenbrock(int n) : IDiffFunction
{
    public int Dimension => n;

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        gradient.Clear();
        double value = 0;
        for (int i = 0; i + 1 < n; i++)
        {
            double t = x[i + 1] - x[i] * x[i], u = 1 - x[i];
            value += 100 * t * t + u * u;
            gradient[i] += -400 * t * x[i] - 2 * u;
            gradient[i + 1] += 200 * t;
        }
        return value;
    }
}

/// <summary>f(x) = ½ Σ dᵢ(xᵢ − cᵢ)²; with an L1 term λ the minimum is the soft threshold sign(cᵢ)·max(|cᵢ| − λᵢ/dᵢ, 0).</summary>
internal sealed class SeparableQuadratic(double[] d, double[] c) : IDiffFunction
{
    public int Dimension => d.Length;

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        double value = 0;
        for (int i = 0; i < d.Length; i++)
        {
            double r = x[i] - c[i];
            value += 0.5 * d[i] * r * r;
            gradient[i] = d[i] * r;
        }
        return value;
    }
}

/// <summary>Wraps a function and counts evaluations, and those that were not finite.</summary>
internal sealed class Counting(IDiffFunction inner) : IDiffFunction
{
    public int Evaluations { get; private set; }
    public int NonFiniteEvaluations { get; private set; }
    public int Dimension => inner.Dimension;

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        Evaluations++;
        double value = inner.ValueAndGradient(x, gradient);
        if (!double.IsFinite(value)) NonFiniteEvaluations++;
        return value;
    }
}

/// <summary>NaN outside the ball ‖x‖² &lt; radiusSquared, the wrapped function inside.</summary>
internal sealed class RestrictedDomain(IDiffFunction inner, double radiusSquared) : IDiffFunction
{
    public int Dimension => inner.Dimension;

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        double normSquared = 0;
        foreach (double v in x) normSquared += v * v;
        if (normSquared < radiusSquared) return inner.ValueAndGradient(x, gradient);
        gradient.Fill(double.NaN);
        return double.NaN;
    }
}
