using DeepLearningPipelines.Ml.Solvers;

namespace DeepLearningPipelines.Tests.Ml.Solvers;

public class MultilayerPerceptronGradientTests
{
    private static (DenseRows Data, int[] Labels, NetworkTopology Topology, double[] Weights) TinyProblem()
    {
        var random = new Random(42);
        var rows = Enumerable.Range(0, 11).Select(_ => Enumerable.Range(0, 5).Select(_ => 2 * random.NextDouble() - 1).ToArray()).ToArray();
        var labels = Enumerable.Range(0, 11).Select(i => i % 3).ToArray();
        var topology = new NetworkTopology([5, 6, 4, 3]);
        return (DenseRows.FromRows(rows), labels, topology, topology.RandomWeights(7));
    }

    [Fact]
    public void GradientMatchesCentralFiniteDifferences()
    {
        var (data, labels, topology, weights) = TinyProblem();
        var loss = new MultilayerPerceptronLoss(topology, data, labels, blockSize: 4);
        var gradient = new double[weights.Length];
        loss.ValueAndGradient(weights, gradient);

        const double h = 1e-5;
        var scratch = new double[weights.Length];
        double worst = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            var plus = (double[])weights.Clone();
            var minus = (double[])weights.Clone();
            plus[i] += h;
            minus[i] -= h;
            double numeric = (loss.ValueAndGradient(plus, scratch) - loss.ValueAndGradient(minus, scratch)) / (2 * h);
            worst = Math.Max(worst, Math.Abs(numeric - gradient[i]));
        }
        double scale = gradient.Max(Math.Abs);
        Assert.True(worst <= 1e-7 * Math.Max(scale, 1), $"largest gradient error {worst} (largest component {scale})");
    }

    [Fact]
    public void LossIsTheMeanCrossEntropyWhateverTheBlockSize()
    {
        var (data, labels, topology, weights) = TinyProblem();
        var gradient = new double[weights.Length];
        var model = new MultilayerPerceptronModel(topology.Layers, weights);
        double expected = Enumerable.Range(0, data.Rows).Average(r => -Math.Log(model.PredictProbability(data.Row(r))[labels[r]]));

        foreach (int blockSize in new[] { 1, 3, 4, 11, 128 })
        {
            double value = new MultilayerPerceptronLoss(topology, data, labels, blockSize).ValueAndGradient(weights, gradient);
            Assert.Equal(expected, value, 1e-12);
        }
    }

    [Fact]
    public void NetworkWithoutHiddenLayerIsUnregularisedMultinomialLogisticRegression()
    {
        var rows = Enumerable.Range(0, 1500).Where(i => LettersData.Labels[i] < 4).ToArray();
        var x = rows.Select(i => LettersData.Features[i]).ToArray();
        var y = rows.Select(i => LettersData.Labels[i]).ToArray();
        var logistic = LogisticRegressionSolver.Fit(x, y, null, new LogisticRegressionOptions(MaxIter: 20));

        // Spark's layout for Layers [16, 4]: weight (o, i) at i·4 + o, then the four biases.
        var weights = new double[16 * 4 + 4];
        for (int o = 0; o < 4; o++)
        {
            for (int i = 0; i < 16; i++) weights[i * 4 + o] = logistic.CoefficientMatrix[o, i];
            weights[64 + o] = logistic.InterceptVector[o];
        }
        var loss = new MultilayerPerceptronLoss(new NetworkTopology([16, 4]), DenseRows.FromRows(x), y.Select(v => (int)v).ToArray(), 128);

        Assert.Equal(logistic.ObjectiveHistory[^1], loss.ValueAndGradient(weights, new double[weights.Length]), 1e-10);
    }
}
