using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Ml.Evaluation.Metrics;

/// <summary>
/// Multiclass classification metrics with the definitions of Spark MLlib's <c>MulticlassMetrics</c>.
/// Spark ML's <c>MulticlassClassificationEvaluator</c> metric names map as follows: "f1" is
/// <see cref="WeightedFMeasure"/>, "accuracy" <see cref="Accuracy"/>, "weightedPrecision" <see cref="WeightedPrecision"/>,
/// "weightedRecall" <see cref="WeightedRecall"/>, "logLoss" <see cref="LogLoss"/>, "hammingLoss" <see cref="HammingLoss"/>.
/// </summary>
/// <remarks>
/// As in Spark, <see cref="Labels"/> and the weighted averages cover the labels that occur as actual labels; a label that only
/// occurs as a prediction counts as a false positive of its own but gets no weight. The weighted averages therefore equal
/// scikit-learn's <c>average='weighted'</c> results. Where Spark would divide by zero or fail for a label without support
/// (zero-weight rows, or a label that is only predicted), <see cref="Recall"/> returns 0 as scikit-learn does.
/// <see cref="FalsePositiveRate"/> is NaN when only one label occurs, as in Spark.
/// </remarks>
public sealed class MulticlassMetrics
{
    private const string Name = nameof(MulticlassMetrics);

    private readonly Dictionary<(double Label, double Prediction), double> confusions = new();
    private readonly Dictionary<double, double> supportByLabel = new();
    private readonly Dictionary<double, double> truePositivesByLabel = new();
    private readonly Dictionary<double, double> falsePositivesByLabel = new();
    private double totalWeight;
    private readonly double[] rowLabels;
    private readonly double[] rowWeights;
    private readonly IReadOnlyList<double[]>? probabilities;

    /// <summary>Collects the metrics of one evaluation.</summary>
    /// <param name="predictions">Predicted label of each row.</param>
    /// <param name="labels">Actual label of each row.</param>
    /// <param name="weights">Row weights (finite, not negative); empty means every row weighs 1.</param>
    /// <param name="probabilities">Optional class-probability vector of each row, indexed by label value; needed by <see cref="LogLoss"/>.</param>
    /// <exception cref="DataFormatException">No rows, mismatched lengths, non-finite values or invalid weights.</exception>
    public MulticlassMetrics(
        ReadOnlySpan<double> predictions,
        ReadOnlySpan<double> labels,
        ReadOnlySpan<double> weights = default,
        IReadOnlyList<double[]>? probabilities = null)
    {
        MetricInputs.RequireRows(labels.Length, Name);
        MetricInputs.RequireLength(labels.Length, predictions.Length, "predictions", Name);
        MetricInputs.RequireFinite(labels, "label", Name);
        MetricInputs.RequireFinite(predictions, "prediction", Name);
        rowWeights = MetricInputs.WeightsOrOnes(weights, labels.Length, Name);
        rowLabels = labels.ToArray();
        if (probabilities is not null)
        {
            int classes = MetricInputs.RequireProbabilityRows(probabilities, labels.Length, Name);
            for (int i = 0; i < labels.Length; i++)
                MetricInputs.ClassIndex(labels[i], classes, i, Name);
            this.probabilities = probabilities.ToArray();
        }

        for (int i = 0; i < labels.Length; i++) Add(labels[i], predictions[i], rowWeights[i]);
        Labels = supportByLabel.Keys.Order().ToArray();
        AllLabels = truePositivesByLabel.Keys.Order().ToArray();
    }

    /// <summary>
    /// The metrics of weighted (actual, predicted) label counts, such as per-partition counts summed (the rows themselves
    /// are not needed, so <see cref="LogLoss"/> is unavailable).
    /// </summary>
    internal MulticlassMetrics(IReadOnlyDictionary<(double Label, double Prediction), double> counts)
    {
        MetricInputs.RequireRows(counts.Count, Name);
        rowLabels = [];
        rowWeights = [];
        foreach (var ((label, prediction), weight) in counts.OrderBy(c => c.Key)) Add(label, prediction, weight);
        if (!(totalWeight > 0)) throw new DataFormatException($"{Name}: the weights sum to zero.");
        Labels = supportByLabel.Keys.Order().ToArray();
        AllLabels = truePositivesByLabel.Keys.Order().ToArray();
    }

    private void Add(double label, double prediction, double weight)
    {
        var key = (label, prediction);
        confusions[key] = confusions.GetValueOrDefault(key) + weight;
        supportByLabel[label] = supportByLabel.GetValueOrDefault(label) + weight;
        truePositivesByLabel[label] = truePositivesByLabel.GetValueOrDefault(label) + (label == prediction ? weight : 0);
        truePositivesByLabel.TryAdd(prediction, 0);
        falsePositivesByLabel[prediction] = falsePositivesByLabel.GetValueOrDefault(prediction) + (label == prediction ? 0 : weight);
        totalWeight += weight;
    }

    /// <summary>The distinct actual labels in ascending order (Spark's <c>labels</c>).</summary>
    public IReadOnlyList<double> Labels { get; }

    /// <summary>The distinct actual or predicted labels in ascending order (scikit-learn's label set).</summary>
    public IReadOnlyList<double> AllLabels { get; }

    /// <summary>Sum of all row weights.</summary>
    public double TotalWeight => totalWeight;

    /// <summary>Weighted fraction of rows predicted correctly.</summary>
    public double Accuracy => truePositivesByLabel.Values.Sum() / totalWeight;

    /// <summary>Weighted fraction of rows predicted wrongly.</summary>
    public double HammingLoss => confusions.Where(c => c.Key.Label != c.Key.Prediction).Sum(c => c.Value) / totalWeight;

    /// <summary>Precision of each actual label averaged with the label's weighted support.</summary>
    public double WeightedPrecision => WeightedAverage(Precision);

    /// <summary>Recall of each actual label averaged with the label's weighted support (equals <see cref="Accuracy"/>).</summary>
    public double WeightedRecall => WeightedAverage(Recall);

    /// <summary>Same as <see cref="WeightedRecall"/>.</summary>
    public double WeightedTruePositiveRate => WeightedRecall;

    /// <summary>False positive rate of each actual label averaged with the label's weighted support.</summary>
    public double WeightedFalsePositiveRate => WeightedAverage(FalsePositiveRate);

    /// <summary>F1 of each actual label averaged with the label's weighted support; Spark's evaluator metric "f1".</summary>
    public double WeightedFMeasure => WeightedFMeasureFor(1.0);

    /// <summary>F-beta of each actual label averaged with the label's weighted support.</summary>
    public double WeightedFMeasureFor(double beta) => WeightedAverage(label => FMeasure(label, beta));

    /// <summary>Weighted number of rows whose actual label is <paramref name="label"/>.</summary>
    public double Support(double label) => supportByLabel.GetValueOrDefault(RequireKnown(label));

    /// <summary>True positives over predicted positives of <paramref name="label"/>; 0 when it is never predicted.</summary>
    public double Precision(double label)
    {
        double truePositives = truePositivesByLabel[RequireKnown(label)];
        double predicted = truePositives + falsePositivesByLabel.GetValueOrDefault(label);
        return predicted == 0 ? 0 : truePositives / predicted;
    }

    /// <summary>True positives over actual positives of <paramref name="label"/>; 0 when it has no support.</summary>
    public double Recall(double label)
    {
        double support = Support(label);
        return support == 0 ? 0 : truePositivesByLabel[label] / support;
    }

    /// <summary>Same as <see cref="Recall"/>.</summary>
    public double TruePositiveRate(double label) => Recall(label);

    /// <summary>False positives of <paramref name="label"/> over the weight of rows with another actual label.</summary>
    public double FalsePositiveRate(double label) =>
        falsePositivesByLabel.GetValueOrDefault(RequireKnown(label)) / (totalWeight - Support(label));

    /// <summary>F-beta of <paramref name="label"/>: (1+β²)·P·R / (β²·P + R), or 0 when P + R = 0.</summary>
    /// <exception cref="ParamException"><paramref name="beta"/> is not a positive number.</exception>
    public double FMeasure(double label, double beta = 1.0)
    {
        if (!(beta > 0) || double.IsInfinity(beta))
            throw new ParamException($"F-measure beta must be a positive number, got {beta}.");
        double precision = Precision(label), recall = Recall(label);
        double betaSquared = beta * beta;
        return precision + recall == 0 ? 0 : (1 + betaSquared) * precision * recall / (betaSquared * precision + recall);
    }

    /// <summary>
    /// The confusion matrix over <see cref="AllLabels"/>, the label set of <see cref="Reports.ClassificationReport"/>, so that
    /// every row is counted; Spark's matrix, over the actual labels only, is <c>ConfusionMatrix(Labels)</c>.
    /// </summary>
    public ConfusionMatrix ConfusionMatrix() => ConfusionMatrix(AllLabels);

    /// <summary>The confusion matrix over the given labels in the given order, for example <see cref="AllLabels"/>.</summary>
    public ConfusionMatrix ConfusionMatrix(IReadOnlyList<double> labels)
    {
        var counts = new double[labels.Count, labels.Count];
        for (int i = 0; i < labels.Count; i++)
        for (int j = 0; j < labels.Count; j++)
            counts[i, j] = confusions.GetValueOrDefault((labels[i], labels[j]));
        return new ConfusionMatrix(labels, counts);
    }

    /// <summary>
    /// Weighted mean of −log p(actual label), with p clipped as Spark does: p &lt; eps costs −log(eps), p &gt; 1−eps costs −log(1−eps).
    /// </summary>
    /// <exception cref="ParamException"><paramref name="eps"/> is outside (0, 0.5).</exception>
    /// <exception cref="DlpException">No probability vectors were given.</exception>
    public double LogLoss(double eps = 1e-15)
    {
        if (!(eps > 0 && eps < 0.5))
            throw new ParamException($"Log loss eps must be in (0, 0.5), got {eps}.");
        if (probabilities is null)
            throw new DlpException("Log loss needs the class-probability vector of each row; none were given.");
        double lowLoss = -Math.Log(eps), highLoss = -LogOnePlus(-eps);
        double lossSum = 0;
        for (int i = 0; i < rowLabels.Length; i++)
        {
            double p = probabilities[i][(int)rowLabels[i]];
            double loss = p < eps ? lowLoss : p > 1 - eps ? highLoss : -Math.Log(p);
            lossSum += loss * rowWeights[i];
        }
        return lossSum / totalWeight;
    }

    /// <summary>log(1 + x) without the cancellation of computing 1 + x first (Goldberg's correction).</summary>
    private static double LogOnePlus(double x)
    {
        double u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }

    private double WeightedAverage(Func<double, double> metricOfLabel) =>
        Labels.Sum(label => metricOfLabel(label) * supportByLabel[label] / totalWeight);

    private double RequireKnown(double label) =>
        truePositivesByLabel.ContainsKey(label)
            ? label
            : throw new ParamException($"Label {label} occurs neither as an actual label nor as a prediction.");
}
