namespace DeepLearningPipelines.Ml.Optim;

/// <summary>Dense vector helpers used by the minimizers.</summary>
internal static class VectorMath
{
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    public static double Norm(ReadOnlySpan<double> a) => Math.Sqrt(Dot(a, a));

    /// <summary>y ← y + alpha·x.</summary>
    public static void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < x.Length; i++) y[i] += alpha * x[i];
    }

    /// <summary>result ← x + alpha·d.</summary>
    public static void Step(ReadOnlySpan<double> x, double alpha, ReadOnlySpan<double> d, Span<double> result)
    {
        for (int i = 0; i < x.Length; i++) result[i] = x[i] + alpha * d[i];
    }

    /// <summary>result ← x − y.</summary>
    public static void Subtract(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> result)
    {
        for (int i = 0; i < x.Length; i++) result[i] = x[i] - y[i];
    }
}
