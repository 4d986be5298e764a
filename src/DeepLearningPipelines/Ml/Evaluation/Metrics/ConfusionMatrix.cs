using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Ml.Evaluation.Metrics;

/// <summary>
/// Weighted counts of (actual, predicted) label pairs. Rows are actual labels and columns predicted labels,
/// both in the order of <see cref="Labels"/> (ascending for matrices built by <see cref="MulticlassMetrics"/>, as in Spark).
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly double[,] counts;

    /// <summary>Wraps a square matrix of non-negative counts whose row and column <i>i</i> belong to <paramref name="labels"/>[i].</summary>
    public ConfusionMatrix(IReadOnlyList<double> labels, double[,] counts)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(counts);
        if (labels.Count == 0)
            throw new ParamException("A confusion matrix needs at least one label.");
        if (counts.GetLength(0) != labels.Count || counts.GetLength(1) != labels.Count)
            throw new ParamException(
                $"A confusion matrix over {labels.Count} labels needs {labels.Count}x{labels.Count} counts, got {counts.GetLength(0)}x{counts.GetLength(1)}.");
        foreach (double count in counts)
        {
            if (!double.IsFinite(count) || count < 0)
                throw new ParamException($"Confusion matrix counts must be finite and not negative, got {count}.");
        }
        Labels = labels.ToArray();
        this.counts = (double[,])counts.Clone();
    }

    /// <summary>The label of each row and column.</summary>
    public IReadOnlyList<double> Labels { get; }

    /// <summary>Number of rows (and columns).</summary>
    public int Size => Labels.Count;

    /// <summary>Weighted count of rows whose actual label is <c>Labels[actual]</c> and prediction is <c>Labels[predicted]</c>.</summary>
    public double this[int actual, int predicted] => counts[actual, predicted];

    /// <summary>The largest cell.</summary>
    public double MaxCount => counts.Cast<double>().Max();

    /// <summary>A copy of the counts, indexed [actual, predicted].</summary>
    public double[,] ToArray() => (double[,])counts.Clone();
}
