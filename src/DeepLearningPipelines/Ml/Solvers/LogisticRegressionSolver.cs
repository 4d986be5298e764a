using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames.Execution;
using DeepLearningPipelines.Ml.Optim;

namespace DeepLearningPipelines.Ml.Solvers;

/// <summary>
/// Fits logistic regression with Spark MLlib's semantics: minimises the weighted mean log-loss
/// + RegParam·((1−α)/2·‖β‖² + α·‖β‖₁) (α = ElasticNetParam, intercepts unpenalised) with L-BFGS, or OWL-QN when the L1 part is non-zero.
/// The optimisation runs on features divided by their standard deviation (and centred when an intercept is fitted, which
/// leaves the optimum unchanged); with Standardization = false the penalty is rescaled per coordinate so that it applies to
/// the original-scale coefficients. Features with zero variance get coefficient 0. Multinomial intercepts are centred,
/// and so are the multinomial coefficients of each feature when RegParam = 0, as Spark does.
/// </summary>
public static class LogisticRegressionSolver
{
    /// <summary>Fits a model to <paramref name="features"/> (one array per row) and <paramref name="labels"/> (class indices 0, 1, …),
    /// with optional non-negative instance <paramref name="weights"/> (all 1 when null).</summary>
    public static LogisticRegressionResult Fit(double[][] features, double[] labels, double[]? weights, LogisticRegressionOptions options) =>
        Fit(DenseRows.FromRows(features), labels, weights, options, TrainingRanks.Single);

    /// <summary>Fits a model to a row-major feature matrix of <paramref name="rows"/> × <paramref name="columns"/> finite values.</summary>
    public static LogisticRegressionResult Fit(double[] features, int rows, int columns, double[] labels, double[]? weights, LogisticRegressionOptions options) =>
        Fit(new DenseRows(features, rows, columns), labels, weights, options, TrainingRanks.Single);

    /// <summary>
    /// Fits one model to rows spread over <paramref name="ranks"/>, each passing its own share (possibly none): the
    /// class counts, feature statistics, weight sum, loss and gradient are summed over the ranks, so every rank ends
    /// with the model of all the rows. <see cref="LogisticRegressionOptions.NumClasses"/> must be the same on every rank.
    /// </summary>
    internal static LogisticRegressionResult Fit(double[] features, int rows, int columns, double[] labels, double[] weights, LogisticRegressionOptions options, TrainingRanks ranks) =>
        Fit(new DenseRows(features, rows, columns, allowEmpty: ranks.IsDistributed), labels, weights, options, ranks);

    private static LogisticRegressionResult Fit(DenseRows data, double[] labels, double[]? weights, LogisticRegressionOptions options, TrainingRanks ranks)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var (instanceWeights, weightSum) = CheckedWeights(weights, data.Rows, ranks);
        var classHistogram = LabelHistogram(labels, instanceWeights, data.Rows, options.NumClasses, out int[] classes);
        ranks.Sum(classHistogram);
        int numClasses = classHistogram.Length;
        bool multinomial = IsMultinomial(options.Family, numClasses);
        int sets = multinomial ? numClasses : 1;
        int p = data.Columns;

        int presentClasses = classHistogram.Count(h => h > 0);
        if (options.FitIntercept && presentClasses == 1)
            return ConstantLabelModel(classHistogram, multinomial, sets, p);

        var statistics = FeatureStatistics.Compute(data, instanceWeights, ranks);
        var scaled = Scale(data, statistics, options.FitIntercept);
        double l1 = options.RegParam * options.ElasticNetParam;
        double l2 = options.RegParam * (1 - options.ElasticNetParam);
        var l2PerFeature = new double[p];
        var l1PerFeature = new double[p];
        for (int j = 0; j < p; j++)
        {
            double std = statistics.Std[j];
            if (std == 0) continue;
            l2PerFeature[j] = options.Standardization ? l2 : l2 / (std * std);
            l1PerFeature[j] = options.Standardization ? l1 : l1 / std;
        }

        var loss = new LogisticLossFunction(scaled, classes, instanceWeights, weightSum, sets, multinomial, options.FitIntercept, l2PerFeature, ranks);
        var start = InitialPoint(classHistogram, multinomial, sets, p, options.FitIntercept);
        var minimizerOptions = new MinimizerOptions(options.MaxIter, options.Tol);
        MinimizationResult solution;
        if (l1 > 0)
        {
            var l1Weights = new double[loss.Dimension];
            for (int k = 0; k < sets; k++) l1PerFeature.CopyTo(l1Weights, k * p);
            solution = new OwlQn(minimizerOptions).Minimize(loss, start, l1Weights);
        }
        else solution = new Lbfgs(minimizerOptions).Minimize(loss, start);

        var (coefficients, intercepts) = ToOriginalScale(solution.Solution, statistics, sets, p, options.FitIntercept);
        if (multinomial) CenterMultinomial(coefficients, intercepts, centerCoefficients: options.RegParam == 0);
        return new LogisticRegressionResult(coefficients, intercepts, numClasses, multinomial, solution.Iterations, solution.ObjectiveHistory);
    }

    /// <summary>The weights (all 1 when null) and their sum over the ranks, which must be positive.</summary>
    private static (double[] Weights, double Sum) CheckedWeights(double[]? weights, int rows, TrainingRanks ranks)
    {
        if (weights is null) weights = Enumerable.Repeat(1.0, rows).ToArray();
        else
        {
            if (weights.Length != rows) throw new DataFormatException($"There are {weights.Length} weights for {rows} rows.");
            for (int r = 0; r < rows; r++)
                if (!(weights[r] >= 0) || double.IsInfinity(weights[r]))
                    throw new DataFormatException($"Weight of row {r} must be finite and >= 0, got {weights[r]}.");
        }
        double sum = ranks.Sum(weights.Sum());
        if (!(sum > 0)) throw new DataFormatException("The instance weights sum to zero.");
        return (weights, sum);
    }

    /// <summary>Weighted class counts; labels must be integers in [0, numClasses).</summary>
    private static double[] LabelHistogram(double[] labels, double[] weights, int rows, int? numClasses, out int[] classes)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Length != rows) throw new DataFormatException($"There are {labels.Length} labels for {rows} rows.");
        classes = new int[rows];
        int max = 0;
        for (int r = 0; r < rows; r++)
        {
            double label = labels[r];
            if (!(label >= 0) || label != Math.Floor(label) || label > int.MaxValue - 1)
                throw new DataFormatException($"Label {label} of row {r} is not a class index (a non-negative integer).");
            classes[r] = (int)label;
            max = Math.Max(max, classes[r]);
        }
        int count = numClasses ?? Math.Max(max + 1, 2);
        if (max >= count) throw new DataFormatException($"Label {max} is out of range for NumClasses = {count}; labels must be in [0, {count}).");
        var histogram = new double[count];
        for (int r = 0; r < rows; r++) histogram[classes[r]] += weights[r];
        return histogram;
    }

    private static bool IsMultinomial(LogisticRegressionFamily family, int numClasses) => family switch
    {
        LogisticRegressionFamily.Binomial when numClasses > 2 =>
            throw new ParamException($"The binomial family supports at most 2 classes, the data has {numClasses}; use Multinomial."),
        LogisticRegressionFamily.Binomial => false,
        LogisticRegressionFamily.Multinomial => true,
        _ => numClasses > 2,
    };

    /// <summary>All weight on one class with an intercept: zero coefficients and infinite intercepts, as Spark returns without training.</summary>
    private static LogisticRegressionResult ConstantLabelModel(double[] histogram, bool multinomial, int sets, int p)
    {
        int label = Array.FindIndex(histogram, h => h > 0);
        var intercepts = new double[sets];
        if (multinomial) intercepts[label] = double.PositiveInfinity;
        else intercepts[0] = label == 1 ? double.PositiveInfinity : double.NegativeInfinity;
        return new LogisticRegressionResult(new double[sets, p], intercepts, histogram.Length, multinomial, 0, []);
    }

    /// <summary>zᵢⱼ = (xᵢⱼ − centreⱼ)/σⱼ with centre = mean when an intercept is fitted, else 0; zero-variance features become 0.</summary>
    private static DenseRows Scale(DenseRows data, FeatureStatistics statistics, bool center)
    {
        int p = data.Columns;
        var scaled = DenseRows.Allocate(data.Rows, p);
        for (int r = 0; r < data.Rows; r++)
            for (int j = 0; j < p; j++)
            {
                double std = statistics.Std[j];
                scaled.Values[r * p + j] = std == 0 ? 0 : (data.Values[r * p + j] - (center ? statistics.Mean[j] : 0)) / std;
            }
        return scaled;
    }

    /// <summary>Zero coefficients; intercepts at the log-odds of the class frequencies (Spark's start point).</summary>
    private static double[] InitialPoint(double[] histogram, bool multinomial, int sets, int p, bool fitIntercept)
    {
        var start = new double[sets * p + (fitIntercept ? sets : 0)];
        if (!fitIntercept) return start;
        if (multinomial)
        {
            var logCounts = histogram.Select(h => Math.Log(h + 1)).ToArray();
            double mean = logCounts.Average();
            for (int k = 0; k < sets; k++) start[sets * p + k] = logCounts[k] - mean;
        }
        else if (histogram[0] > 0 && histogram[1] > 0) start[p] = Math.Log(histogram[1] / histogram[0]);
        return start;
    }

    /// <summary>βⱼ = β̃ⱼ/σⱼ (0 for zero variance); b = b̃ − Σⱼ βⱼ·μⱼ when the features were centred.</summary>
    private static (double[,] Coefficients, double[] Intercepts) ToOriginalScale(
        double[] solution, FeatureStatistics statistics, int sets, int p, bool fitIntercept)
    {
        var coefficients = new double[sets, p];
        var intercepts = new double[sets];
        for (int k = 0; k < sets; k++)
        {
            double shift = 0;
            for (int j = 0; j < p; j++)
            {
                double std = statistics.Std[j];
                coefficients[k, j] = std == 0 ? 0 : solution[k * p + j] / std;
                shift += coefficients[k, j] * statistics.Mean[j];
            }
            if (fitIntercept) intercepts[k] = solution[sets * p + k] - shift;
        }
        return (coefficients, intercepts);
    }

    private static void CenterMultinomial(double[,] coefficients, double[] intercepts, bool centerCoefficients)
    {
        int sets = intercepts.Length, p = coefficients.GetLength(1);
        double interceptMean = intercepts.Average();
        for (int k = 0; k < sets; k++) intercepts[k] -= interceptMean;
        if (!centerCoefficients) return;
        for (int j = 0; j < p; j++)
        {
            double mean = 0;
            for (int k = 0; k < sets; k++) mean += coefficients[k, j];
            mean /= sets;
            for (int k = 0; k < sets; k++) coefficients[k, j] -= mean;
        }
    }
}
