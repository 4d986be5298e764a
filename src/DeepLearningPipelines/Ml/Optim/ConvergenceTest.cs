namespace DeepLearningPipelines.Ml.Optim;

/// <summary>The stopping rules shared by the minimizers, in the spirit of Breeze's FirstOrderMinimizer.</summary>
internal static class ConvergenceTest
{
    public static bool FunctionValuesConverged(double previous, double current, double tol) =>
        Math.Abs(previous - current) <= tol * Math.Max(Math.Abs(current), 1e-10);

    public static bool GradientConverged(double gradientNorm, double value, double tol) =>
        gradientNorm <= Math.Max(tol * Math.Abs(value), 1e-8);
}
