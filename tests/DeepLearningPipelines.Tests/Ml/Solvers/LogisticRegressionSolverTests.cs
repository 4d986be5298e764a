using DeepLearningPipelines.Core;
using DeepLearningPipelines.Ml.Solvers;

namespace DeepLearningPipelines.Tests.Ml.Solvers;

public class LogisticRegressionSolverTests
{
    private static (double[][] X, double[] Y) Binary(int rows) =>
        (LettersData.Features[..rows], LettersData.Labels[..rows].Select(l => l >= 13 ? 1.0 : 0.0).ToArray());

    private static readonly LogisticRegressionOptions Tight = new(MaxIter: 1000, Tol: 1e-12);

    [Fact]
    public void ZeroVarianceFeatureGetsCoefficientZeroAndLeavesTheOthersUnchanged()
    {
        var (x, y) = Binary(400);
        var withConstant = x.Select(row => row[..5].Append(7.0).Concat(row[5..]).ToArray()).ToArray();
        var options = Tight with { RegParam = 0.01, Standardization = false };

        var plain = LogisticRegressionSolver.Fit(x, y, null, options);
        var padded = LogisticRegressionSolver.Fit(withConstant, y, null, options);

        Assert.Equal(0.0, padded.CoefficientMatrix[0, 5]);
        for (int j = 0; j < 16; j++) Assert.Equal(plain.Coefficients[j], padded.Coefficients[j < 5 ? j : j + 1], 1e-7);
        Assert.Equal(plain.Intercept, padded.Intercept, 1e-6);
    }

    [Fact]
    public void InstanceWeightsActLikeRepeatedRows()
    {
        var (x, y) = Binary(300);
        var weights = Enumerable.Range(0, 300).Select(i => i % 3 == 0 ? 2.0 : 1.0).ToArray();
        var repeatedX = x.Concat(x.Where((_, i) => i % 3 == 0)).ToArray();
        var repeatedY = y.Concat(y.Where((_, i) => i % 3 == 0)).ToArray();
        // Without standardization the penalty does not depend on the (weighted) standard deviation.
        var options = Tight with { RegParam = 0.02, ElasticNetParam = 0.3, Standardization = false };

        var weighted = LogisticRegressionSolver.Fit(x, y, weights, options);
        var repeated = LogisticRegressionSolver.Fit(repeatedX, repeatedY, null, options);

        for (int j = 0; j < 16; j++) Assert.Equal(repeated.Coefficients[j], weighted.Coefficients[j], 1e-6);
        Assert.Equal(repeated.Intercept, weighted.Intercept, 1e-5);
    }

    [Fact]
    public void LargeL1PenaltyZeroesEveryCoefficientButNotTheIntercept()
    {
        var (x, y) = Binary(500);
        var fit = LogisticRegressionSolver.Fit(x, y, null, Tight with { RegParam = 10, ElasticNetParam = 1 });

        Assert.All(fit.Coefficients, c => Assert.Equal(0.0, c));
        double positive = y.Average();
        Assert.Equal(Math.Log(positive / (1 - positive)), fit.Intercept, 1e-9);
    }

    [Fact]
    public void UnregularisedMultinomialCoefficientsAndInterceptsAreCentred()
    {
        var rows = Enumerable.Range(0, 2000).Where(i => LettersData.Labels[i] < 4).ToArray();
        var x = rows.Select(i => LettersData.Features[i]).ToArray();
        var y = rows.Select(i => LettersData.Labels[i]).ToArray();
        var fit = LogisticRegressionSolver.Fit(x, y, null, new LogisticRegressionOptions(MaxIter: 30));

        Assert.True(fit.IsMultinomial);
        Assert.Equal(4, fit.CoefficientMatrix.GetLength(0));
        for (int j = 0; j < 16; j++)
            Assert.Equal(0.0, Enumerable.Range(0, 4).Sum(k => fit.CoefficientMatrix[k, j]), 1e-10);
        Assert.Equal(0.0, fit.InterceptVector.Sum(), 1e-10);
        Assert.True(fit.ObjectiveHistory[^1] < fit.ObjectiveHistory[0]);
    }

    [Fact]
    public void AutoFamilyIsBinomialForTwoClasses()
    {
        var (x, y) = Binary(200);
        var fit = LogisticRegressionSolver.Fit(x, y, null, new LogisticRegressionOptions(MaxIter: 5));

        Assert.False(fit.IsMultinomial);
        Assert.Equal(2, fit.NumClasses);
        Assert.Single(fit.InterceptVector);
    }

    [Fact]
    public void WithoutInterceptTheInterceptsStayZero()
    {
        var (x, y) = Binary(200);
        var fit = LogisticRegressionSolver.Fit(x, y, null, new LogisticRegressionOptions(FitIntercept: false, RegParam: 0.1, ElasticNetParam: 0.5));

        Assert.Equal(0.0, fit.Intercept);
        Assert.Contains(fit.Coefficients, c => c != 0);
    }

    [Fact]
    public void ConstantLabelGivesInfiniteInterceptsWithoutTraining()
    {
        var x = LettersData.Features[..50];
        var binomial = LogisticRegressionSolver.Fit(x, Enumerable.Repeat(1.0, 50).ToArray(), null, new LogisticRegressionOptions());
        var multinomial = LogisticRegressionSolver.Fit(x, Enumerable.Repeat(2.0, 50).ToArray(), null,
            new LogisticRegressionOptions(Family: LogisticRegressionFamily.Multinomial, NumClasses: 3));

        Assert.Equal(double.PositiveInfinity, binomial.Intercept);
        Assert.All(binomial.Coefficients, c => Assert.Equal(0.0, c));
        Assert.Equal(0, binomial.Iterations);
        Assert.Equal(new[] { 0.0, 0.0, double.PositiveInfinity }, multinomial.InterceptVector);
    }

    [Fact]
    public void BinomialFamilyRejectsMoreThanTwoClasses()
    {
        var error = Assert.Throws<ParamException>(() => LogisticRegressionSolver.Fit(
            LettersData.Features[..30], LettersData.Labels[..30], null, new LogisticRegressionOptions(Family: LogisticRegressionFamily.Binomial)));
        Assert.Contains("binomial", error.Message);
    }

    [Theory]
    [InlineData(1.5, "Label 1.5 of row 3")]
    [InlineData(-1.0, "Label -1 of row 3")]
    [InlineData(7.0, "Label 7 is out of range for NumClasses = 3")]
    public void InvalidLabelsAreNamed(double label, string expected)
    {
        var y = new double[] { 0, 1, 2, label, 0, 1 };
        var error = Assert.Throws<DataFormatException>(() => LogisticRegressionSolver.Fit(
            LettersData.Features[..6], y, null, new LogisticRegressionOptions(NumClasses: 3)));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void NonFiniteFeatureIsNamed()
    {
        var x = LettersData.Features[..4].Select(r => (double[])r.Clone()).ToArray();
        x[2][9] = double.NaN;
        var error = Assert.Throws<DataFormatException>(() => LogisticRegressionSolver.Fit(x, new double[] { 0, 1, 0, 1 }, null, new LogisticRegressionOptions()));
        Assert.Contains("Feature 9 of row 2", error.Message);
    }

    [Theory]
    [InlineData(-0.1, 0.0)]
    [InlineData(0.1, 1.5)]
    public void InvalidRegularisationIsRejected(double regParam, double elasticNetParam)
    {
        var (x, y) = Binary(10);
        Assert.Throws<ParamException>(() => LogisticRegressionSolver.Fit(x, y, null,
            new LogisticRegressionOptions(RegParam: regParam, ElasticNetParam: elasticNetParam)));
    }
}
