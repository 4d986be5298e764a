using DeepLearningPipelines.Core;
using DeepLearningPipelines.Ml.Optim;

namespace DeepLearningPipelines.Tests.Ml.Optim;

public class OwlQnTests
{
    private static readonly MinimizerOptions Tight = new(MaxIter: 1000, Tol: 1e-14);

    [Fact]
    public void SeparableLassoMatchesTheSoftThreshold()
    {
        double[] d = { 1, 4, 0.5, 2, 10, 3 };
        double[] c = { 2, -0.3, 0.1, -3, 0.05, 1 };
        double[] lambda = { 0.5, 0.5, 0.5, 0.5, 0.5, 0 };
        var result = new OwlQn(Tight).Minimize(new SeparableQuadratic(d, c), new double[6], lambda);

        for (int i = 0; i < d.Length; i++)
        {
            double expected = Math.Sign(c[i]) * Math.Max(Math.Abs(c[i]) - lambda[i] / d[i], 0);
            Assert.Equal(expected, result.Solution[i], 1e-8);
        }
        Assert.Equal(0.0, result.Solution[2]);
        Assert.Equal(0.0, result.Solution[4]);
    }

    [Fact]
    public void CoupledLassoSatisfiesTheOptimalityConditions()
    {
        var f = Quadratic.Random(15, 100, seed: 11);
        var lambda = Enumerable.Repeat(0.8, 15).ToArray();
        lambda[0] = 0;
        var result = new OwlQn(Tight).Minimize(f, new double[15], lambda);

        var gradient = new double[15];
        f.ValueAndGradient(result.Solution, gradient);
        int zeros = 0;
        for (int i = 0; i < 15; i++)
        {
            double x = result.Solution[i];
            if (x == 0)
            {
                zeros++;
                Assert.True(Math.Abs(gradient[i]) <= lambda[i] + 1e-7, $"|g[{i}]| = {Math.Abs(gradient[i])} > λ");
            }
            else Assert.Equal(-lambda[i] * Math.Sign(x), gradient[i], 1e-7);
        }
        Assert.InRange(zeros, 1, 14);
    }

    [Fact]
    public void ZeroL1WeightsReproduceLbfgs()
    {
        var f = Quadratic.Random(10, 50, seed: 5);
        var owl = new OwlQn(Tight).Minimize(f, new double[10], new double[10]);
        var expected = LinearAlgebra.Solve(f.Matrix, f.Linear);

        for (int i = 0; i < 10; i++) Assert.Equal(expected[i], owl.Solution[i], 1e-7);
    }

    [Fact]
    public void ObjectiveIncludesTheL1Term()
    {
        var f = new SeparableQuadratic(new[] { 1.0 }, new[] { 2.0 });
        var result = new OwlQn(Tight).Minimize(f, new[] { 0.0 }, new[] { 0.5 });

        Assert.Equal(2.0, result.ObjectiveHistory[0], 12);
        Assert.Equal(0.5 * 0.25 + 0.5 * 1.5, result.Value, 10);
    }

    [Fact]
    public void NegativeL1WeightIsRejected()
    {
        var f = new SeparableQuadratic(new[] { 1.0 }, new[] { 2.0 });
        Assert.Throws<ParamException>(() => new OwlQn().Minimize(f, new[] { 0.0 }, new[] { -1.0 }));
    }
}
