using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Ml.Evaluation.Metrics;

/// <summary>
/// One-vs-rest ROC AUC of a multiclass classifier, as scikit-learn's <c>roc_auc_score(multi_class='ovr')</c>:
/// for each class, the area under the ROC of its probability against "is this class", then averaged.
/// </summary>
/// <remarks>
/// Probability vectors are indexed by label value (label k is column k, Spark's convention). Classes that never occur as
/// an actual label have no ROC and are left out of both averages; scikit-learn refuses such input instead.
/// Per-class areas are computed with <see cref="BinaryClassificationMetrics"/> (exact, ties on the diagonal).
/// </remarks>
public sealed class OneVsRestRocAuc
{
    private const string Name = nameof(OneVsRestRocAuc);

    /// <summary>Computes the per-class areas and their averages.</summary>
    /// <param name="labels">Actual class index of each row.</param>
    /// <param name="probabilities">Class-probability vector of each row, all of the same length.</param>
    /// <param name="weights">Row weights (finite, not negative); empty means every row weighs 1.</param>
    /// <exception cref="DataFormatException">No rows, mismatched lengths, non-finite values, labels that are not class indices, or fewer than two classes present.</exception>
    public OneVsRestRocAuc(ReadOnlySpan<double> labels, IReadOnlyList<double[]> probabilities, ReadOnlySpan<double> weights = default)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        MetricInputs.RequireRows(labels.Length, Name);
        int classes = MetricInputs.RequireProbabilityRows(probabilities, labels.Length, Name);
        double[] rowWeights = MetricInputs.WeightsOrOnes(weights, labels.Length, Name);
        var support = new double[classes];
        var present = new bool[classes];
        for (int i = 0; i < labels.Length; i++)
        {
            int label = MetricInputs.ClassIndex(labels[i], classes, i, Name);
            present[label] = true;
            support[label] += rowWeights[i];
        }
        if (present.Count(p => p) < 2)
            throw new DataFormatException($"{Name}: only one class occurs among the labels; one-vs-rest ROC AUC is not defined.");

        var byClass = new SortedDictionary<int, double>();
        var scores = new double[labels.Length];
        var isClass = new double[labels.Length];
        for (int c = 0; c < classes; c++)
        {
            if (!present[c]) continue;
            for (int i = 0; i < labels.Length; i++)
            {
                scores[i] = probabilities[i][c];
                isClass[i] = labels[i] == c ? 1 : 0;
            }
            byClass[c] = new BinaryClassificationMetrics(scores, isClass, rowWeights).AreaUnderRoc;
        }

        ByClass = byClass;
        Support = Enumerable.Range(0, classes).Where(c => present[c]).ToDictionary(c => c, c => support[c]);
        MacroAverage = byClass.Values.Average();
        WeightedAverage = byClass.Sum(entry => entry.Value * support[entry.Key]) / support.Sum();
    }

    /// <summary>Area under the one-vs-rest ROC of each class that occurs as an actual label.</summary>
    public IReadOnlyDictionary<int, double> ByClass { get; }

    /// <summary>Weighted number of rows of each class in <see cref="ByClass"/>.</summary>
    public IReadOnlyDictionary<int, double> Support { get; }

    /// <summary>Unweighted mean of <see cref="ByClass"/> (scikit-learn <c>average='macro'</c>).</summary>
    public double MacroAverage { get; }

    /// <summary>Mean of <see cref="ByClass"/> weighted by <see cref="Support"/> (scikit-learn <c>average='weighted'</c>).</summary>
    public double WeightedAverage { get; }
}
