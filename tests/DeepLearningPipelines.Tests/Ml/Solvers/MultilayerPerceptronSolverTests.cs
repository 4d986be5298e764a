using DeepLearningPipelines.Core;
using DeepLearningPipelines.Ml.Solvers;
using Xunit.Abstractions;

namespace DeepLearningPipelines.Tests.Ml.Solvers;

public class MultilayerPerceptronSolverTests(ITestOutputHelper output)
{
    private const int TrainingRows = 15000;

    private static double Accuracy(MultilayerPerceptronModel model, double[][] x, double[] y)
    {
        var predictions = model.Predict(x);
        return Enumerable.Range(0, y.Length).Count(i => predictions[i] == y[i]) / (double)y.Length;
    }

    /// <summary>Features scaled with the training rows' mean and sample standard deviation.</summary>
    private static double[][] Standardize(double[][] rows, double[][] training)
    {
        int p = training[0].Length;
        var mean = Enumerable.Range(0, p).Select(j => training.Average(r => r[j])).ToArray();
        var std = Enumerable.Range(0, p)
            .Select(j => Math.Sqrt(training.Sum(r => (r[j] - mean[j]) * (r[j] - mean[j])) / (training.Length - 1))).ToArray();
        return rows.Select(r => r.Select((v, j) => (v - mean[j]) / std[j]).ToArray()).ToArray();
    }

    [Fact]
    public void SparkTopologyOnLettersReachesSparksAccuracyRange()
    {
        var x = LettersData.Features;
        var y = LettersData.Labels;
        var fit = MultilayerPerceptronSolver.Fit(x[..TrainingRows], y[..TrainingRows],
            new MultilayerPerceptronOptions([16, 16, 12, 26], MaxIter: 400, Seed: 1));

        double accuracy = Accuracy(fit.Model, x[TrainingRows..], y[TrainingRows..]);
        output.WriteLine($"[16,16,12,26], 400 iterations: test accuracy {accuracy:F4}, training loss {fit.ObjectiveHistory[^1]:F4}");
        Assert.InRange(accuracy, 0.6, 0.85);
        Assert.True(fit.ObjectiveHistory[^1] < fit.ObjectiveHistory[0]);
    }

    [Fact]
    public void WiderNetworkOnStandardizedLettersExceedsEightyFivePercent()
    {
        var training = LettersData.Features[..TrainingRows];
        var x = Standardize(LettersData.Features, training);
        var y = LettersData.Labels;
        var fit = MultilayerPerceptronSolver.Fit(x[..TrainingRows], y[..TrainingRows],
            new MultilayerPerceptronOptions([16, 64, 26], MaxIter: 60, Seed: 1));

        double accuracy = Accuracy(fit.Model, x[TrainingRows..], y[TrainingRows..]);
        output.WriteLine($"[16,64,26] standardized, 60 iterations: test accuracy {accuracy:F4}");
        Assert.True(accuracy > 0.85, $"accuracy {accuracy}");
    }

    [Fact]
    public void SameSeedGivesIdenticalWeightsAndAnotherSeedDoesNot()
    {
        var x = LettersData.Features[..1000];
        var y = LettersData.Labels[..1000];
        var options = new MultilayerPerceptronOptions([16, 8, 26], MaxIter: 15, Seed: 5);

        var first = MultilayerPerceptronSolver.Fit(x, y, options).Model.Weights.ToArray();
        var second = MultilayerPerceptronSolver.Fit(x, y, options).Model.Weights.ToArray();
        var other = MultilayerPerceptronSolver.Fit(x, y, options with { Seed = 6 }).Model.Weights.ToArray();

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void RandomInitialisationIsScaledByTheSquareRootOfTheFanIn()
    {
        var result = MultilayerPerceptronSolver.Fit(LettersData.Features[..10], LettersData.Labels[..10],
            new MultilayerPerceptronOptions([16, 9, 26], MaxIter: 0, Seed: 3));
        var w = result.Model.Weights;

        int firstLayer = 16 * 9 + 9;
        Assert.Equal(firstLayer + 9 * 26 + 26, w.Length);
        Assert.All(w[..firstLayer].ToArray(), v => Assert.InRange(Math.Abs(v), 0, 2.4 / 4));
        Assert.All(w[firstLayer..].ToArray(), v => Assert.InRange(Math.Abs(v), 0, 2.4 / 3));
        Assert.True(w[..firstLayer].ToArray().Max(Math.Abs) > 0.5, "first layer should span most of ±0.6");
        Assert.True(w[firstLayer..].ToArray().Max(Math.Abs) > 0.7, "second layer should span most of ±0.8");
    }

    [Fact]
    public void WeightsFollowSparksColumnMajorLayout()
    {
        // Layers [2, 3]: W is 3×2 column-major, entries (o, i) at i·3 + o, then three biases.
        double[] weights = [1, 2, 3, 4, 5, 6, 0.5, -0.5, 0.25];
        var model = new MultilayerPerceptronModel([2, 3], weights);

        var raw = model.PredictRaw([10, 100]);

        Assert.Equal(new[] { 1 * 10 + 4 * 100 + 0.5, 2 * 10 + 5 * 100 - 0.5, 3 * 10 + 6 * 100 + 0.25 }, raw);
        var probability = model.PredictProbability([0.0, 0.0]);
        Assert.Equal(Math.Exp(0.5) / (Math.Exp(0.5) + Math.Exp(-0.5) + Math.Exp(0.25)), probability[0], 1e-15);
        Assert.Equal(0, model.Predict([0.0, 0.0]));
    }

    [Fact]
    public void InitialWeightsAreTheStartPoint()
    {
        var initial = Enumerable.Range(0, 16 * 4 + 4 + 4 * 26 + 26).Select(i => Math.Sin(i) / 10).ToArray();
        var fit = MultilayerPerceptronSolver.Fit(LettersData.Features[..100], LettersData.Labels[..100],
            new MultilayerPerceptronOptions([16, 4, 26], MaxIter: 0, InitialWeights: initial));

        Assert.Equal(initial, fit.Model.Weights.ToArray());
        Assert.Single(fit.ObjectiveHistory);
    }

    [Fact]
    public void GradientDescentTakesConstantStepsDownhill()
    {
        var x = LettersData.Features[..500];
        var y = LettersData.Labels[..500];
        var options = new MultilayerPerceptronOptions([16, 10, 26], Seed: 2, Solver: MultilayerPerceptronOptions.GradientDescent, StepSize: 0.5);

        var start = MultilayerPerceptronSolver.Fit(x, y, options with { MaxIter = 0 }).Model.Weights.ToArray();
        var loss = new MultilayerPerceptronLoss(new NetworkTopology([16, 10, 26]), DenseRows.FromRows(x), y.Select(v => (int)v).ToArray(), 128);
        var gradient = new double[start.Length];
        loss.ValueAndGradient(start, gradient);
        var oneStep = MultilayerPerceptronSolver.Fit(x, y, options with { MaxIter = 1 }).Model.Weights.ToArray();
        var many = MultilayerPerceptronSolver.Fit(x, y, options with { MaxIter = 50 });

        for (int i = 0; i < start.Length; i++) Assert.Equal(start[i] - 0.5 * gradient[i], oneStep[i], 1e-14);
        Assert.Equal(50, many.Iterations);
        Assert.True(many.ObjectiveHistory[^1] < 0.9 * many.ObjectiveHistory[0]);
    }

    [Theory]
    [InlineData(26.0, "Label 26 of row 4 is not an integer in [0, 26); the output layer has 26 units")]
    [InlineData(2.5, "Label 2.5 of row 4 is not an integer in [0, 26)")]
    [InlineData(-1.0, "Label -1 of row 4")]
    public void LabelsOutsideTheOutputLayerAreRejected(double label, string expected)
    {
        var y = LettersData.Labels[..10].ToArray();
        y[4] = label;
        var error = Assert.Throws<DataFormatException>(() =>
            MultilayerPerceptronSolver.Fit(LettersData.Features[..10], y, new MultilayerPerceptronOptions([16, 5, 26])));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void InitialWeightsOfTheWrongLengthAreRejected()
    {
        var error = Assert.Throws<ParamException>(() => MultilayerPerceptronSolver.Fit(LettersData.Features[..10], LettersData.Labels[..10],
            new MultilayerPerceptronOptions([16, 5, 26], InitialWeights: new double[100])));
        Assert.Contains("InitialWeights has 100 values but Layers [16, 5, 26] need 241", error.Message);
    }

    [Fact]
    public void NonFiniteFeaturesAndMismatchedInputLayerAreRejected()
    {
        var x = LettersData.Features[..10].Select(r => (double[])r.Clone()).ToArray();
        x[3][0] = double.PositiveInfinity;
        var nonFinite = Assert.Throws<DataFormatException>(() =>
            MultilayerPerceptronSolver.Fit(x, LettersData.Labels[..10], new MultilayerPerceptronOptions([16, 26])));
        Assert.Contains("Feature 0 of row 3 is not finite", nonFinite.Message);

        var mismatch = Assert.Throws<DataFormatException>(() =>
            MultilayerPerceptronSolver.Fit(LettersData.Features[..10], LettersData.Labels[..10], new MultilayerPerceptronOptions([15, 26])));
        Assert.Contains("16 features but Layers [15, 26] starts with 15", mismatch.Message);
    }

    [Theory]
    [InlineData("sgd")]
    [InlineData("L-BFGS")]
    public void UnknownSolverIsRejected(string solver)
    {
        var error = Assert.Throws<ParamException>(() => MultilayerPerceptronSolver.Fit(LettersData.Features[..10], LettersData.Labels[..10],
            new MultilayerPerceptronOptions([16, 26], Solver: solver)));
        Assert.Contains(solver, error.Message);
    }
}
