using DeepLearningPipelines.Core;
using DeepLearningPipelines.Ml.Optim;

namespace DeepLearningPipelines.Tests.Ml.Optim;

public class GradientDescentTests
{
    [Fact]
    public void ConstantStepsStopWhenTheStepIsSmallRelativeToTheSolution()
    {
        // f = ½x², step 0.5: x halves every iteration and the k-th step has length 0.5^k; 0.5^10 < 1e-3 ≤ 0.5^9.
        var f = new SeparableQuadratic(new[] { 1.0 }, new[] { 0.0 });
        var result = new GradientDescent(stepSize: 0.5, maxIter: 100, tol: 1e-3).Minimize(f, new[] { 1.0 });

        Assert.Equal(10, result.Iterations);
        Assert.Equal(ConvergenceReason.StepConverged, result.Reason);
        Assert.Equal(Math.Pow(0.5, 10), result.Solution[0], 1e-15);
        Assert.Equal(11, result.ObjectiveHistory.Length);
        Assert.Equal(0.5, result.ObjectiveHistory[0]);
    }

    [Fact]
    public void DivergenceIsReportedWithTheStepSize()
    {
        var f = new Rosenbrock(2);
        var error = Assert.Throws<DlpException>(() => new GradientDescent(stepSize: 10, maxIter: 50, tol: 0).Minimize(f, new[] { -1.2, 1.0 }));
        Assert.Contains("StepSize", error.Message);
    }
}
