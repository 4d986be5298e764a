using DeepLearningPipelines.Ml.Evaluation.Metrics;

namespace DeepLearningPipelines.Ml.Evaluation.Reports;

/// <summary>
/// Per-class precision, recall, F1 and support with accuracy, macro and weighted averages, like scikit-learn's
/// <c>classification_report</c>. Classes are every label that occurs as an actual label or a prediction, in ascending order.
/// </summary>
/// <remarks>
/// The weighted averages are Spark's weighted metrics (support-weighted, equal to scikit-learn's); the macro average is the
/// plain mean over all listed classes, including classes that are only predicted (support 0, recall 0), as in scikit-learn.
/// The properties serialize to JSON with System.Text.Json as they are.
/// </remarks>
public sealed class ClassificationReport
{
    private ClassificationReport(
        IReadOnlyList<ClassificationReportRow> classes, double accuracy, ClassificationReportRow macroAverage, ClassificationReportRow weightedAverage)
    {
        Classes = classes;
        Accuracy = accuracy;
        MacroAverage = macroAverage;
        WeightedAverage = weightedAverage;
    }

    /// <summary>One row per class, in ascending label order.</summary>
    public IReadOnlyList<ClassificationReportRow> Classes { get; }

    /// <summary>Weighted fraction of rows predicted correctly.</summary>
    public double Accuracy { get; }

    /// <summary>Unweighted mean of the class rows.</summary>
    public ClassificationReportRow MacroAverage { get; }

    /// <summary>Support-weighted mean of the class rows (Spark's weightedPrecision, weightedRecall and weightedFMeasure).</summary>
    public ClassificationReportRow WeightedAverage { get; }

    /// <summary>Builds the report from computed metrics.</summary>
    /// <param name="metrics">The metrics of one evaluation.</param>
    /// <param name="classNames">Optional names, <c>classNames[k]</c> naming label k; without them labels are shown as numbers.</param>
    /// <exception cref="Core.ParamException">A label is not an index into <paramref name="classNames"/>.</exception>
    public static ClassificationReport From(MulticlassMetrics metrics, IReadOnlyList<string>? classNames = null)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var classes = metrics.AllLabels
            .Select(label => new ClassificationReportRow(
                ClassNames.Of(label, classNames), metrics.Precision(label), metrics.Recall(label), metrics.FMeasure(label), metrics.Support(label)))
            .ToArray();
        var macro = new ClassificationReportRow(
            "macro avg", classes.Average(c => c.Precision), classes.Average(c => c.Recall), classes.Average(c => c.F1Score), metrics.TotalWeight);
        var weighted = new ClassificationReportRow(
            "weighted avg", metrics.WeightedPrecision, metrics.WeightedRecall, metrics.WeightedFMeasure, metrics.TotalWeight);
        return new ClassificationReport(classes, metrics.Accuracy, macro, weighted);
    }

    /// <summary>The report as text in scikit-learn's layout, with <paramref name="digits"/> decimals.</summary>
    /// <exception cref="Core.ParamException"><paramref name="digits"/> is negative or above 15.</exception>
    public string ToText(int digits = 2) => ClassificationReportText.Format(this, digits);
}
