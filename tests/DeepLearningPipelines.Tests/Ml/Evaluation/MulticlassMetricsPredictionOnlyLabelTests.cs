namespace DeepLearningPipelines.Tests.Ml.Evaluation;

/// <summary>
/// Label 5 is predicted for 25 rows but never is an actual label. Spark leaves it out of <c>labels</c> and the confusion
/// matrix; the support-weighted averages still equal scikit-learn's because label 5 has zero support.
/// </summary>
public sealed class MulticlassMetricsPredictionOnlyLabelTests
{
    private const double Tolerance = 1e-12;
    private const string Fixture = "multiclass_prediction_only_label.json";

    [Fact]
    public void Spark_labels_exclude_the_predicted_only_label_and_all_labels_include_it()
    {
        var (metrics, expected) = MulticlassMetricsFixtureTests.Load(Fixture);

        Assert.Equal(expected.GetProperty("spark_labels").Doubles(), metrics.Labels);
        Assert.Equal(expected.GetProperty("all_labels").Doubles(), metrics.AllLabels);
        Assert.Contains(5.0, metrics.AllLabels);
        Assert.DoesNotContain(5.0, metrics.Labels);
    }

    [Fact]
    public void Weighted_metrics_still_match_scikit_learn()
    {
        var (metrics, expected) = MulticlassMetricsFixtureTests.Load(Fixture);

        Assert.Equal(expected.Number("accuracy"), metrics.Accuracy, Tolerance);
        Assert.Equal(expected.Number("weighted_precision"), metrics.WeightedPrecision, Tolerance);
        Assert.Equal(expected.Number("weighted_recall"), metrics.WeightedRecall, Tolerance);
        Assert.Equal(expected.Number("weighted_f1"), metrics.WeightedFMeasure, Tolerance);
        Assert.Equal(expected.Number("weighted_false_positive_rate"), metrics.WeightedFalsePositiveRate, Tolerance);
    }

    [Fact]
    public void Predicted_only_label_has_zero_precision_recall_and_support()
    {
        var (metrics, _) = MulticlassMetricsFixtureTests.Load(Fixture);

        Assert.Equal(0, metrics.Precision(5));
        Assert.Equal(0, metrics.Recall(5));
        Assert.Equal(0, metrics.Support(5));
        Assert.True(metrics.FalsePositiveRate(5) > 0);
    }

    [Fact]
    public void Confusion_matrices_match_scikit_learn_over_spark_labels_and_over_all_labels()
    {
        var (metrics, expected) = MulticlassMetricsFixtureTests.Load(Fixture);

        MulticlassMetricsFixtureTests.AssertMatrix(
            expected.GetProperty("confusion_matrix_spark_labels").Rows(), metrics.ConfusionMatrix(metrics.Labels), Tolerance);
        MulticlassMetricsFixtureTests.AssertMatrix(
            expected.GetProperty("confusion_matrix_all_labels").Rows(), metrics.ConfusionMatrix(metrics.AllLabels), Tolerance);
    }
}
