using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Frames.Arrow;

namespace DeepLearningPipelines.Ml.Evaluation.Metrics;

/// <summary>Weighted counts of (label, prediction) pairs, made one batch at a time and merged across partitions.</summary>
internal static class LabelCounts
{
    private const string Name = "MulticlassMetrics";

    /// <summary>Adds the rows of <paramref name="batch"/> (columns prediction, label[, weight]) to <paramref name="sums"/>.</summary>
    public static Dictionary<(double Label, double Prediction), double> Add(
        Dictionary<(double Label, double Prediction), double> sums, RowBatch batch, string predictionCol, string labelCol, string? weightCol)
    {
        var predictions = new NumericColumn(batch.Column(0), predictionCol);
        var labels = new NumericColumn(batch.Column(1), labelCol);
        var weights = weightCol is null ? null : new NumericColumn(batch.Column(2), weightCol);
        for (int r = 0; r < batch.RowCount; r++)
        {
            double prediction = Finite(predictions, r, predictionCol, "prediction", batch);
            double label = Finite(labels, r, labelCol, "label", batch);
            double weight = weights is null ? 1.0 : Finite(weights, r, weightCol!, "weight", batch);
            if (weight < 0) throw new DataFormatException($"{Name}: weight {JavaFormat.Double(weight)} in column '{weightCol}'{RowDetails.Of(batch, r, null)}; weights must be finite and not negative.");
            var key = (label, prediction);
            sums[key] = sums.GetValueOrDefault(key) + weight;
        }
        return sums;
    }

    /// <summary>Adds <paramref name="other"/>'s counts to <paramref name="sums"/>.</summary>
    public static Dictionary<(double Label, double Prediction), double> Merge(
        Dictionary<(double Label, double Prediction), double> sums, Dictionary<(double Label, double Prediction), double> other)
    {
        foreach (var (key, weight) in other) sums[key] = sums.GetValueOrDefault(key) + weight;
        return sums;
    }

    private static double Finite(NumericColumn column, int row, string columnName, string what, RowBatch batch)
    {
        if (column.IsNull(row)) throw new DataFormatException($"Column '{columnName}' is null where a number is required{RowDetails.Of(batch, row, columnName)}.");
        double value = column.Double(row);
        return double.IsFinite(value) ? value
            : throw new DataFormatException($"{Name}: {what} {JavaFormat.Double(value)} in column '{columnName}'{RowDetails.Of(batch, row, null)}; values must be finite numbers.");
    }
}
