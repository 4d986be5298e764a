using System.Text.Json;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Ml.Evaluation.Metrics;
using DeepLearningPipelines.Ml.Evaluation.Reports;

namespace DeepLearningPipelines.Tests.Ml.Evaluation;

/// <summary>Checks ClassificationReport against scikit-learn's classification_report and precision_recall_fscore_support.</summary>
public sealed class ClassificationReportTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void Text_equals_scikit_learn_report()
    {
        var (metrics, expected) = MulticlassMetricsFixtureTests.Load("multiclass_unweighted.json");

        Assert.Equal(expected.GetProperty("report_text").GetString(), ClassificationReport.From(metrics).ToText());
    }

    [Fact]
    public void Text_with_class_names_and_four_digits_equals_scikit_learn_report()
    {
        var (metrics, expected) = MulticlassMetricsFixtureTests.Load("multiclass_unweighted.json");
        string[] names = expected.GetProperty("class_names").EnumerateArray().Select(n => n.GetString()!).ToArray();

        Assert.Equal(expected.GetProperty("report_text_named_4_digits").GetString(), ClassificationReport.From(metrics, names).ToText(4));
    }

    [Fact]
    public void Confusion_matrix_and_report_cover_the_same_classes_by_default_and_every_row()
    {
        // Label 5 is only ever predicted: the report lists it, so the default matrix must too, and lose no row.
        var metrics = new MulticlassMetrics(predictions: [0, 5, 1, 1, 5, 0], labels: [0, 0, 1, 1, 1, 0]);

        var matrix = metrics.ConfusionMatrix();

        Assert.Equal(ClassificationReport.From(metrics).Classes.Select(c => c.Name), matrix.Labels.Select(l => l.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(metrics.TotalWeight, matrix.ToArray().Cast<double>().Sum());
        Assert.Equal(new double[,] { { 2, 0, 1 }, { 0, 2, 1 }, { 0, 0, 0 } }, matrix.ToArray());
    }

    [Theory]
    [InlineData("multiclass_weighted.json")]
    [InlineData("multiclass_prediction_only_label.json")]
    public void Rows_match_scikit_learn_per_class_macro_and_weighted_values(string fixture)
    {
        var (metrics, expected) = MulticlassMetricsFixtureTests.Load(fixture);
        var report = ClassificationReport.From(metrics);
        double[] labels = expected.GetProperty("all_labels").Doubles();

        Assert.Equal(labels.Select(l => l.ToString(System.Globalization.CultureInfo.InvariantCulture)), report.Classes.Select(c => c.Name));
        for (int i = 0; i < labels.Length; i++)
        {
            Assert.Equal(expected.GetProperty("precision_by_label").Doubles()[i], report.Classes[i].Precision, Tolerance);
            Assert.Equal(expected.GetProperty("recall_by_label").Doubles()[i], report.Classes[i].Recall, Tolerance);
            Assert.Equal(expected.GetProperty("f1_by_label").Doubles()[i], report.Classes[i].F1Score, Tolerance);
            Assert.Equal(expected.GetProperty("support_by_label").Doubles()[i], report.Classes[i].Support, Tolerance);
        }
        Assert.Equal(expected.Number("accuracy"), report.Accuracy, Tolerance);
        Assert.Equal(expected.Number("macro_precision"), report.MacroAverage.Precision, Tolerance);
        Assert.Equal(expected.Number("macro_recall"), report.MacroAverage.Recall, Tolerance);
        Assert.Equal(expected.Number("macro_f1"), report.MacroAverage.F1Score, Tolerance);
        Assert.Equal(expected.Number("weighted_precision"), report.WeightedAverage.Precision, Tolerance);
        Assert.Equal(expected.Number("weighted_recall"), report.WeightedAverage.Recall, Tolerance);
        Assert.Equal(expected.Number("weighted_f1"), report.WeightedAverage.F1Score, Tolerance);
        Assert.Equal(metrics.TotalWeight, report.WeightedAverage.Support);
    }

    [Fact]
    public void Fractional_weighted_support_prints_in_round_trip_form()
    {
        var metrics = new MulticlassMetrics(predictions: [0, 1, 1], labels: [0, 1, 1], weights: [0.5, 1, 1.25]);

        string text = ClassificationReport.From(metrics).ToText();

        Assert.Contains("           0       1.00      1.00      1.00       0.5\n", text);
        Assert.Contains("weighted avg       1.00      1.00      1.00      2.75\n", text);
    }

    [Fact]
    public void Structured_form_serializes_to_json()
    {
        var metrics = new MulticlassMetrics(predictions: [0, 1, 1, 0], labels: [0, 1, 0, 0]);
        var report = ClassificationReport.From(metrics, ["no", "yes"]);

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(report));
        var root = json.RootElement;

        Assert.Equal(0.75, root.GetProperty("Accuracy").GetDouble());
        Assert.Equal(["no", "yes"], root.GetProperty("Classes").EnumerateArray().Select(c => c.GetProperty("Name").GetString()));
        Assert.Equal(0.5, root.GetProperty("Classes")[1].GetProperty("Precision").GetDouble());
        Assert.Equal("weighted avg", root.GetProperty("WeightedAverage").GetProperty("Name").GetString());
        Assert.Equal(4, root.GetProperty("MacroAverage").GetProperty("Support").GetDouble());
    }

    [Fact]
    public void Class_names_must_cover_every_label()
    {
        var metrics = new MulticlassMetrics(predictions: [0, 2], labels: [0, 2]);

        Assert.Throws<ParamException>(() => ClassificationReport.From(metrics, ["a", "b"]));
        Assert.Throws<ParamException>(() => ClassificationReport.From(metrics).ToText(-1));
    }
}
