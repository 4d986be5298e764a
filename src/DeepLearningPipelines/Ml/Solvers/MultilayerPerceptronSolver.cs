using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames.Execution;
using DeepLearningPipelines.Ml.Optim;

namespace DeepLearningPipelines.Ml.Solvers;

/// <summary>The outcome of <see cref="MultilayerPerceptronSolver"/>.</summary>
/// <param name="Model">The fitted network.</param>
/// <param name="Iterations">Optimizer iterations run.</param>
/// <param name="ObjectiveHistory">Mean cross-entropy at the start and after each iteration.</param>
public sealed record MultilayerPerceptronResult(MultilayerPerceptronModel Model, int Iterations, double[] ObjectiveHistory);

/// <summary>
/// Trains a feed-forward classifier with Spark's MultilayerPerceptronClassifier semantics: sigmoid hidden layers, softmax
/// output, cross-entropy averaged over the rows, Spark's weight layout and initialisation (see <see cref="MultilayerPerceptronModel"/>),
/// optimised with L-BFGS (memory 10) or constant-step full-batch gradient descent.
/// </summary>
public static class MultilayerPerceptronSolver
{
    /// <summary>Fits a network to <paramref name="features"/> (one array per row, Layers[0] values each) and integer class
    /// <paramref name="labels"/> in [0, Layers[^1]).</summary>
    public static MultilayerPerceptronResult Fit(double[][] features, double[] labels, MultilayerPerceptronOptions options) =>
        Fit(DenseRows.FromRows(features), labels, options, TrainingRanks.Single);

    /// <summary>Fits a network to a row-major matrix of <paramref name="rows"/> × Layers[0] finite feature values.</summary>
    public static MultilayerPerceptronResult Fit(double[] features, int rows, double[] labels, MultilayerPerceptronOptions options) =>
        Fit(new DenseRows(features, rows, rows == 0 ? 0 : features.Length / rows), labels, options, TrainingRanks.Single);

    /// <summary>
    /// Fits one network to rows spread over <paramref name="ranks"/>, each passing its own share (possibly none) of
    /// <paramref name="columns"/> features: the loss and gradient are summed over the ranks and the seeded initial
    /// weights are the same everywhere, so every rank takes the same steps and ends with the same network.
    /// </summary>
    internal static MultilayerPerceptronResult Fit(double[] features, int rows, int columns, double[] labels, MultilayerPerceptronOptions options, TrainingRanks ranks) =>
        Fit(new DenseRows(features, rows, columns, allowEmpty: ranks.IsDistributed), labels, options, ranks);

    private static MultilayerPerceptronResult Fit(DenseRows data, double[] labels, MultilayerPerceptronOptions options, TrainingRanks ranks)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var topology = new NetworkTopology(options.Layers);
        if (data.Columns != topology.Inputs)
            throw new DataFormatException($"The rows have {data.Columns} features but Layers {topology.Describe()} starts with {topology.Inputs}.");
        var classes = ClassIndices(labels, data.Rows, topology.Outputs);

        double[] initial = options.InitialWeights ?? topology.RandomWeights(options.Seed);
        if (initial.Length != topology.WeightCount)
            throw new ParamException($"InitialWeights has {initial.Length} values but Layers {topology.Describe()} need {topology.WeightCount}.");

        var loss = new MultilayerPerceptronLoss(topology, data, classes, options.BlockSize, ranks);
        var result = options.Solver == MultilayerPerceptronOptions.GradientDescent
            ? new GradientDescent(options.StepSize, options.MaxIter, options.Tol).Minimize(loss, initial)
            : new Lbfgs(new MinimizerOptions(options.MaxIter, options.Tol)).Minimize(loss, initial);
        return new MultilayerPerceptronResult(
            new MultilayerPerceptronModel(topology.Layers, result.Solution), result.Iterations, result.ObjectiveHistory);
    }

    private static int[] ClassIndices(double[] labels, int rows, int outputs)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Length != rows) throw new DataFormatException($"There are {labels.Length} labels for {rows} rows.");
        var classes = new int[rows];
        for (int r = 0; r < rows; r++)
        {
            double label = labels[r];
            if (!(label >= 0 && label < outputs) || label != Math.Floor(label))
                throw new DataFormatException(
                    $"Label {label} of row {r} is not an integer in [0, {outputs}); the output layer has {outputs} units, one per class.");
            classes[r] = (int)label;
        }
        return classes;
    }
}
