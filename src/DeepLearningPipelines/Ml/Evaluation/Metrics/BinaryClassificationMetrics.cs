using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Ml.Evaluation.Metrics;

/// <summary>
/// Binary classification metrics computed as Spark MLlib's <c>BinaryClassificationMetrics</c> with <c>numBins = 0</c>:
/// one threshold per distinct score, in descending order, and trapezoidal areas under the curves.
/// </summary>
/// <remarks>
/// Rows with label 1 are positives and rows with label 0 negatives; other labels are rejected (Spark would treat any label
/// above 0.5 as positive). With only one class present the areas are Spark's degenerate values (ROC: 1 when all rows are
/// positive, 0 when all are negative) where scikit-learn raises an error.
/// The area under PR is Spark's trapezoidal area, not scikit-learn's <c>average_precision_score</c>.
/// </remarks>
public sealed class BinaryClassificationMetrics
{
    private const string Name = nameof(BinaryClassificationMetrics);

    /// <summary>Builds the curves of one evaluation.</summary>
    /// <param name="scores">Score of each row; higher means more likely positive.</param>
    /// <param name="labels">Actual label of each row: 0 or 1.</param>
    /// <param name="weights">Row weights (finite, not negative); empty means every row weighs 1.</param>
    /// <exception cref="DataFormatException">No rows, mismatched lengths, NaN or infinite scores, labels other than 0 and 1, or invalid weights.</exception>
    public BinaryClassificationMetrics(ReadOnlySpan<double> scores, ReadOnlySpan<double> labels, ReadOnlySpan<double> weights = default)
    {
        MetricInputs.RequireRows(scores.Length, Name);
        MetricInputs.RequireLength(scores.Length, labels.Length, "labels", Name);
        MetricInputs.RequireFinite(scores, "score", Name);
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] is not (0.0 or 1.0))
                throw new DataFormatException($"{Name}: label at row {i} is {labels[i]}; binary labels must be 0 or 1.");
        }
        double[] rowWeights = MetricInputs.WeightsOrOnes(weights, scores.Length, Name);

        var thresholds = new List<double>();
        var truePositives = new List<double>();
        var falsePositives = new List<double>();
        double cumulativePositives = 0, cumulativeNegatives = 0;
        int[] order = DescendingOrder(scores);
        for (int k = 0; k < order.Length; k++)
        {
            int row = order[k];
            if (labels[row] == 1.0) cumulativePositives += rowWeights[row];
            else cumulativeNegatives += rowWeights[row];
            bool lastOfThreshold = k == order.Length - 1 || scores[order[k + 1]] != scores[row];
            if (!lastOfThreshold) continue;
            thresholds.Add(scores[row]);
            truePositives.Add(cumulativePositives);
            falsePositives.Add(cumulativeNegatives);
        }

        Thresholds = thresholds;
        RocCurve = BuildRocCurve(truePositives, falsePositives, cumulativePositives, cumulativeNegatives);
        PrCurve = BuildPrCurve(truePositives, falsePositives, cumulativePositives);
        AreaUnderRoc = AreaUnderCurve.Of(RocCurve);
        AreaUnderPr = AreaUnderCurve.Of(PrCurve);
    }

    /// <summary>The distinct scores in descending order; a row is predicted positive at a threshold when its score is at least it.</summary>
    public IReadOnlyList<double> Thresholds { get; }

    /// <summary>ROC points (false positive rate, true positive rate): (0,0), one point per threshold, then (1,1).</summary>
    public IReadOnlyList<CurvePoint> RocCurve { get; }

    /// <summary>PR points (recall, precision): (0, precision at the first threshold), then one point per threshold.</summary>
    public IReadOnlyList<CurvePoint> PrCurve { get; }

    /// <summary>Trapezoidal area under <see cref="RocCurve"/> (Spark's "areaUnderROC").</summary>
    public double AreaUnderRoc { get; }

    /// <summary>Trapezoidal area under <see cref="PrCurve"/> (Spark's "areaUnderPR").</summary>
    public double AreaUnderPr { get; }

    private static int[] DescendingOrder(ReadOnlySpan<double> scores)
    {
        int[] order = Enumerable.Range(0, scores.Length).ToArray();
        double[] keys = scores.ToArray();
        Array.Sort(keys, order, Comparer<double>.Create((a, b) => b.CompareTo(a)));
        return order;
    }

    private static CurvePoint[] BuildRocCurve(List<double> truePositives, List<double> falsePositives, double positives, double negatives)
    {
        var points = new CurvePoint[truePositives.Count + 2];
        points[0] = new CurvePoint(0, 0);
        for (int i = 0; i < truePositives.Count; i++)
        {
            double falsePositiveRate = negatives == 0 ? 0 : falsePositives[i] / negatives;
            double recall = positives == 0 ? 0 : truePositives[i] / positives;
            points[i + 1] = new CurvePoint(falsePositiveRate, recall);
        }
        points[^1] = new CurvePoint(1, 1);
        return points;
    }

    private static CurvePoint[] BuildPrCurve(List<double> truePositives, List<double> falsePositives, double positives)
    {
        var points = new CurvePoint[truePositives.Count + 1];
        for (int i = 0; i < truePositives.Count; i++)
        {
            double predictedPositives = truePositives[i] + falsePositives[i];
            double recall = positives == 0 ? 0 : truePositives[i] / positives;
            double precision = predictedPositives == 0 ? 1 : truePositives[i] / predictedPositives;
            points[i + 1] = new CurvePoint(recall, precision);
        }
        points[0] = new CurvePoint(0, points[1].Y);
        return points;
    }
}
