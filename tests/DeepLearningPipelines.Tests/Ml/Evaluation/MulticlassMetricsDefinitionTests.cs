using DeepLearningPipelines.Core;
using DeepLearningPipelines.Ml.Evaluation.Metrics;

namespace DeepLearningPipelines.Tests.Ml.Evaluation;

/// <summary>Spark's MulticlassMetrics formulas worked by hand on six weighted rows, plus the edge cases.</summary>
public sealed class MulticlassMetricsDefinitionTests
{
    private const double Tolerance = 1e-15;

    // Weighted confusions (actual, predicted): (0,0)=3 (0,1)=1 (1,1)=1 (1,2)=1 (2,2)=3; supports 4, 2, 3; total 9.
    private static MulticlassMetrics SixRows() => new(
        predictions: [0, 0, 1, 1, 2, 2],
        labels: [0, 0, 0, 1, 1, 2],
        weights: [1, 2, 1, 1, 1, 3]);

    [Fact]
    public void Per_label_metrics_follow_spark_definitions()
    {
        var metrics = SixRows();

        Assert.Equal([1.0, 0.5, 0.75], metrics.Labels.Select(metrics.Precision));
        Assert.Equal([0.75, 0.5, 1.0], metrics.Labels.Select(metrics.Recall));
        Assert.Equal([0.0, 1.0 / 7, 1.0 / 6], metrics.Labels.Select(metrics.FalsePositiveRate));
        Assert.Equal(6.0 / 7, metrics.FMeasure(0), Tolerance);
        Assert.Equal(0.5, metrics.FMeasure(1), Tolerance);
        Assert.Equal((1 + 4) * 0.75 / (4 * 0.75 + 1), metrics.FMeasure(2, beta: 2), Tolerance);
    }

    [Fact]
    public void Summary_metrics_follow_spark_definitions()
    {
        var metrics = SixRows();

        Assert.Equal(7.0 / 9, metrics.Accuracy, Tolerance);
        Assert.Equal(2.0 / 9, metrics.HammingLoss, Tolerance);
        Assert.Equal((4 * 1.0 + 2 * 0.5 + 3 * 0.75) / 9, metrics.WeightedPrecision, Tolerance);
        Assert.Equal(7.0 / 9, metrics.WeightedRecall, Tolerance);
        Assert.Equal(7.0 / 9, metrics.WeightedFMeasure, Tolerance);
        Assert.Equal((2 * (1.0 / 7) + 3 * (1.0 / 6)) / 9, metrics.WeightedFalsePositiveRate, Tolerance);
        Assert.Equal(9, metrics.TotalWeight);
    }

    [Fact]
    public void Confusion_matrix_has_actual_labels_as_rows_and_predictions_as_columns()
    {
        var matrix = SixRows().ConfusionMatrix();

        Assert.Equal([0.0, 1.0, 2.0], matrix.Labels);
        Assert.Equal(new double[,] { { 3, 1, 0 }, { 0, 1, 1 }, { 0, 0, 3 } }, matrix.ToArray());
    }

    [Fact]
    public void Log_loss_clips_probabilities_at_eps_as_spark()
    {
        var metrics = new MulticlassMetrics(
            predictions: [1, 1, 0], labels: [0, 1, 0], probabilities: [[0, 1], [0.25, 0.75], [1, 0]]);

        double zeroProbabilityLoss = -Math.Log(1e-15);
        double certainLoss = 1e-15; // -log1p(-1e-15) to double precision
        Assert.Equal((zeroProbabilityLoss - Math.Log(0.75) + certainLoss) / 3, metrics.LogLoss(), Tolerance);
        Assert.Equal((-Math.Log(1e-3) - Math.Log(0.75) - Math.Log(1 - 1e-3)) / 3, metrics.LogLoss(1e-3), Tolerance);
    }

    [Fact]
    public void Log_loss_of_a_certain_correct_prediction_is_log1p_of_minus_eps()
    {
        var metrics = new MulticlassMetrics(predictions: [0], labels: [0], probabilities: [[1, 0]]);

        Assert.Equal(1e-15, metrics.LogLoss(), 1e-28);
    }

    [Fact]
    public void Single_class_gives_spark_values_and_nan_false_positive_rate()
    {
        var metrics = new MulticlassMetrics(predictions: [1, 1, 0], labels: [1, 1, 1]);

        Assert.Equal([1.0], metrics.Labels);
        Assert.Equal([0.0, 1.0], metrics.AllLabels);
        Assert.Equal(2.0 / 3, metrics.Accuracy, Tolerance);
        Assert.Equal(1.0, metrics.Precision(1));
        Assert.Equal(2.0 / 3, metrics.Recall(1), Tolerance);
        Assert.True(double.IsNaN(metrics.FalsePositiveRate(1)));
        Assert.True(double.IsNaN(metrics.WeightedFalsePositiveRate));
        Assert.Equal(new double[,] { { 2 } }, metrics.ConfusionMatrix(metrics.Labels).ToArray());
        Assert.Equal(new double[,] { { 0, 0 }, { 1, 2 } }, metrics.ConfusionMatrix().ToArray());
    }

    [Fact]
    public void Empty_input_is_rejected()
    {
        var error = Assert.Throws<DataFormatException>(() => new MulticlassMetrics([], []));
        Assert.Contains("no rows", error.Message);
    }

    [Fact]
    public void Nan_prediction_is_rejected_with_its_row()
    {
        var error = Assert.Throws<DataFormatException>(() => new MulticlassMetrics([0, double.NaN], [0, 1]));
        Assert.Contains("prediction at row 1 is NaN", error.Message);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.PositiveInfinity)]
    public void Invalid_weight_is_rejected(double weight)
    {
        Assert.Throws<DataFormatException>(() => new MulticlassMetrics([0, 1], [0, 1], [1, weight]));
    }

    [Fact]
    public void All_zero_weights_are_rejected()
    {
        var error = Assert.Throws<DataFormatException>(() => new MulticlassMetrics([0, 1], [0, 1], [0, 0]));
        Assert.Contains("sum to zero", error.Message);
    }

    [Fact]
    public void Mismatched_lengths_are_rejected()
    {
        Assert.Throws<DataFormatException>(() => new MulticlassMetrics([0, 1, 1], [0, 1]));
        Assert.Throws<DataFormatException>(() => new MulticlassMetrics([0, 1], [0, 1], [1]));
    }

    [Fact]
    public void Label_that_is_not_a_probability_index_is_rejected()
    {
        var error = Assert.Throws<DataFormatException>(
            () => new MulticlassMetrics([0, 1], [0, 2], probabilities: [[0.5, 0.5], [0.5, 0.5]]));
        Assert.Contains("label 2 at row 1", error.Message);
    }

    [Fact]
    public void Log_loss_without_probabilities_is_an_error()
    {
        Assert.Throws<DlpException>(() => SixRows().LogLoss());
    }

    [Fact]
    public void Unknown_label_and_invalid_parameters_are_rejected()
    {
        var metrics = SixRows();

        Assert.Throws<ParamException>(() => metrics.Precision(7));
        Assert.Throws<ParamException>(() => metrics.FMeasure(0, beta: 0));
        Assert.Throws<ParamException>(() => metrics.LogLoss(eps: 0.5));
    }
}
