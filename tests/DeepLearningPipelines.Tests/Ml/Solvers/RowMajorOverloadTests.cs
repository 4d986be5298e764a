using DeepLearningPipelines.Core;
using DeepLearningPipelines.Ml.Solvers;

namespace DeepLearningPipelines.Tests.Ml.Solvers;

/// <summary>The overloads taking a flat row-major feature matrix behave as the ones taking one array per row.</summary>
public class RowMajorOverloadTests
{
    private static double[] Flatten(double[][] rows) => rows.SelectMany(r => r).ToArray();

    [Fact]
    public void LogisticRegressionGivesTheSameFit()
    {
        var x = LettersData.Features[..300];
        var y = LettersData.Labels[..300].Select(l => l >= 13 ? 1.0 : 0.0).ToArray();
        var options = new LogisticRegressionOptions(RegParam: 0.01, ElasticNetParam: 0.5, MaxIter: 50);

        var jagged = LogisticRegressionSolver.Fit(x, y, null, options);
        var flat = LogisticRegressionSolver.Fit(Flatten(x), 300, 16, y, null, options);

        Assert.Equal(jagged.Coefficients, flat.Coefficients);
        Assert.Equal(jagged.Intercept, flat.Intercept);
    }

    [Fact]
    public void MultilayerPerceptronGivesTheSameFit()
    {
        var x = LettersData.Features[..300];
        var y = LettersData.Labels[..300];
        var options = new MultilayerPerceptronOptions([16, 6, 26], MaxIter: 10, Seed: 4);

        var jagged = MultilayerPerceptronSolver.Fit(x, y, options);
        var flat = MultilayerPerceptronSolver.Fit(Flatten(x), 300, y, options);

        Assert.Equal(jagged.Model.Weights.ToArray(), flat.Model.Weights.ToArray());
    }

    [Fact]
    public void MatrixOfTheWrongSizeOrWithNonFiniteValuesIsRejected()
    {
        var y = new double[] { 0, 1, 0 };
        var options = new LogisticRegressionOptions();

        var size = Assert.Throws<DataFormatException>(() => LogisticRegressionSolver.Fit(new double[10], 3, 4, y, null, options));
        Assert.Contains("A 3 × 4 matrix needs 12 values, got 10", size.Message);

        var values = new double[12];
        values[7] = double.NaN;
        var nan = Assert.Throws<DataFormatException>(() => LogisticRegressionSolver.Fit(values, 3, 4, y, null, options));
        Assert.Contains("Feature 3 of row 1 is not finite", nan.Message);

        var flatMlp = Assert.Throws<DataFormatException>(() =>
            MultilayerPerceptronSolver.Fit(new double[10], 3, y, new MultilayerPerceptronOptions([3, 2])));
        Assert.Contains("needs 9 values, got 10", flatMlp.Message);
    }
}
