using DeepLearningPipelines.Core;
using DeepLearningPipelines.Ml.Optim;

namespace DeepLearningPipelines.Tests.Ml.Optim;

public class LbfgsTests
{
    [Fact]
    public void IllConditionedQuadraticReachesTheSolutionOfTheLinearSystem()
    {
        var f = Quadratic.Random(20, conditionNumber: 1e4, seed: 7);
        var result = new Lbfgs(new MinimizerOptions(MaxIter: 500, Tol: 1e-14)).Minimize(f, new double[20]);

        var expected = LinearAlgebra.Solve(f.Matrix, f.Linear);
        for (int i = 0; i < 20; i++) Assert.Equal(expected[i], result.Solution[i], 1e-6);
        Assert.NotEqual(ConvergenceReason.MaxIterations, result.Reason);
    }

    [Fact]
    public void RosenbrockConvergesToAllOnes()
    {
        var f = new Rosenbrock(6);
        var start = new[] { -1.2, 1, -1.2, 1, -1.2, 1 };
        var result = new Lbfgs(new MinimizerOptions(MaxIter: 1000, Tol: 1e-15)).Minimize(f, start);

        foreach (double v in result.Solution) Assert.Equal(1.0, v, 1e-5);
        Assert.True(result.Value < 1e-10, $"f = {result.Value}");
    }

    [Fact]
    public void ObjectiveHistoryStartsAtTheInitialValueAndDecreases()
    {
        var f = new Rosenbrock(2);
        var result = new Lbfgs(new MinimizerOptions(MaxIter: 200, Tol: 1e-12)).Minimize(f, new[] { -1.2, 1.0 });

        Assert.Equal(24.2, result.ObjectiveHistory[0], 1e-12);
        Assert.Equal(result.Iterations + 1, result.ObjectiveHistory.Length);
        for (int i = 1; i < result.ObjectiveHistory.Length; i++)
            Assert.True(result.ObjectiveHistory[i] <= result.ObjectiveHistory[i - 1]);
        Assert.Equal(result.Value, result.ObjectiveHistory[^1]);
    }

    [Fact]
    public void MaxIterBoundsTheNumberOfIterations()
    {
        var result = new Lbfgs(new MinimizerOptions(MaxIter: 3, Tol: 0)).Minimize(new Rosenbrock(4), new[] { -1.2, 1, -1.2, 1 });

        Assert.Equal(3, result.Iterations);
        Assert.Equal(ConvergenceReason.MaxIterations, result.Reason);
    }

    [Fact]
    public void LooseToleranceStopsOnRelativeImprovement()
    {
        var f = new Counting(Quadratic.Random(30, 1e3, seed: 3));
        var loose = new Lbfgs(new MinimizerOptions(MaxIter: 500, Tol: 1e-3)).Minimize(f, new double[30]);
        var tight = new Lbfgs(new MinimizerOptions(MaxIter: 500, Tol: 1e-12)).Minimize(f, new double[30]);

        Assert.Equal(ConvergenceReason.FunctionValuesConverged, loose.Reason);
        double[] h = loose.ObjectiveHistory;
        Assert.True(Math.Abs(h[^2] - h[^1]) <= 1e-3 * Math.Abs(h[^1]));
        Assert.True(loose.Iterations < tight.Iterations);
    }

    [Fact]
    public void StartingAtTheMinimumStopsImmediately()
    {
        var f = new SeparableQuadratic(new[] { 1.0, 2.0 }, new[] { 3.0, -1.0 });
        var result = new Lbfgs().Minimize(f, new[] { 3.0, -1.0 });

        Assert.Equal(0, result.Iterations);
        Assert.Equal(ConvergenceReason.GradientConverged, result.Reason);
    }

    [Fact]
    public void LineSearchBacksOffFromPointsWhereTheObjectiveIsNotFinite()
    {
        var f = new Counting(new RestrictedDomain(new SeparableQuadratic(new[] { 1.0, 1.0 }, new[] { 0.0, 0.0 }), radiusSquared: 0.2));
        var result = new Lbfgs(new MinimizerOptions(MaxIter: 100, Tol: 1e-12)).Minimize(f, new[] { 0.3, 0.3 });

        Assert.True(f.NonFiniteEvaluations > 0, "the first unit-length step should leave the domain");
        Assert.All(result.Solution, v => Assert.Equal(0.0, v, 1e-8));
        Assert.All(result.ObjectiveHistory, v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void WrongStartLengthIsRejected()
    {
        var error = Assert.Throws<ParamException>(() => new Lbfgs().Minimize(new Rosenbrock(3), new double[2]));
        Assert.Contains("dimension 3", error.Message);
    }
}
