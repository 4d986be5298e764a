using DeepLearningPipelines.Ml.Evaluation.Metrics;

namespace DeepLearningPipelines.Tests.Ml.Evaluation;

/// <summary>
/// Checks MulticlassMetrics against scikit-learn on 500 rows of 5 imbalanced classes, with and without row weights.
/// Spark's definitions coincide with scikit-learn's here; the false positive rates are numpy re-implementations of Spark's formula.
/// </summary>
public sealed class MulticlassMetricsFixtureTests
{
    private const double Tolerance = 1e-12;

    public static TheoryData<string> Fixtures => new() { "multiclass_unweighted.json", "multiclass_weighted.json" };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Summary_metrics_match_scikit_learn(string fixture)
    {
        var (metrics, expected) = Load(fixture);

        Assert.Equal(expected.Number("accuracy"), metrics.Accuracy, Tolerance);
        Assert.Equal(expected.Number("hamming_loss"), metrics.HammingLoss, Tolerance);
        Assert.Equal(expected.Number("weighted_precision"), metrics.WeightedPrecision, Tolerance);
        Assert.Equal(expected.Number("weighted_recall"), metrics.WeightedRecall, Tolerance);
        Assert.Equal(expected.Number("weighted_recall"), metrics.WeightedTruePositiveRate, Tolerance);
        Assert.Equal(expected.Number("weighted_f1"), metrics.WeightedFMeasure, Tolerance);
        Assert.Equal(expected.Number("weighted_f05"), metrics.WeightedFMeasureFor(0.5), Tolerance);
        Assert.Equal(expected.Number("weighted_false_positive_rate"), metrics.WeightedFalsePositiveRate, Tolerance);
        Assert.Equal(expected.Number("log_loss"), metrics.LogLoss(), Tolerance);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Per_label_metrics_match_scikit_learn(string fixture)
    {
        var (metrics, expected) = Load(fixture);
        double[] labels = expected.GetProperty("all_labels").Doubles();
        Assert.Equal(labels, metrics.Labels);
        Assert.Equal(labels, metrics.AllLabels);

        for (int i = 0; i < labels.Length; i++)
        {
            double label = labels[i];
            Assert.Equal(expected.GetProperty("precision_by_label").Doubles()[i], metrics.Precision(label), Tolerance);
            Assert.Equal(expected.GetProperty("recall_by_label").Doubles()[i], metrics.Recall(label), Tolerance);
            Assert.Equal(expected.GetProperty("recall_by_label").Doubles()[i], metrics.TruePositiveRate(label), Tolerance);
            Assert.Equal(expected.GetProperty("f1_by_label").Doubles()[i], metrics.FMeasure(label), Tolerance);
            Assert.Equal(expected.GetProperty("f05_by_label").Doubles()[i], metrics.FMeasure(label, 0.5), Tolerance);
            Assert.Equal(expected.GetProperty("support_by_label").Doubles()[i], metrics.Support(label), Tolerance);
            Assert.Equal(expected.GetProperty("false_positive_rate_by_spark_label").Doubles()[i], metrics.FalsePositiveRate(label), Tolerance);
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Confusion_matrix_matches_scikit_learn_with_actual_labels_as_rows(string fixture)
    {
        var (metrics, expected) = Load(fixture);
        AssertMatrix(expected.GetProperty("confusion_matrix_spark_labels").Rows(), metrics.ConfusionMatrix(metrics.Labels), Tolerance);
    }

    internal static (MulticlassMetrics Metrics, System.Text.Json.JsonElement Expected) Load(string fixture)
    {
        var data = MetricsFixture.Load(fixture);
        var probabilities = data.TryGetProperty("probabilities", out var p) ? p.Rows() : null;
        var metrics = new MulticlassMetrics(
            data.GetProperty("predictions").Doubles(), data.GetProperty("labels").Doubles(), data.GetProperty("weights").Doubles(), probabilities);
        return (metrics, data.GetProperty("expected"));
    }

    internal static void AssertMatrix(double[][] expected, ConfusionMatrix actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Size);
        for (int i = 0; i < actual.Size; i++)
        for (int j = 0; j < actual.Size; j++)
            Assert.Equal(expected[i][j], actual[i, j], tolerance);
    }
}
