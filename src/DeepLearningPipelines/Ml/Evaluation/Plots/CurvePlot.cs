using DeepLearningPipelines.Ml.Evaluation.Metrics;
using ScottPlot;

namespace DeepLearningPipelines.Ml.Evaluation.Plots;

/// <summary>ROC and precision-recall curves of a binary classifier, on the unit square.</summary>
public static class CurvePlot
{
    /// <summary>The ROC curve (false positive rate → true positive rate) with the chance diagonal and the area in the legend.</summary>
    public static Plot Roc(BinaryClassificationMetrics metrics, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var plot = UnitSquare(title ?? "ROC curve", "False positive rate", "True positive rate");
        var chance = plot.Add.Line(0, 0, 1, 1);
        chance.LineColor = Colors.Gray;
        chance.LinePattern = LinePattern.Dashed;
        AddCurve(plot, metrics.RocCurve, $"ROC (AUC {metrics.AreaUnderRoc:F3})");
        plot.ShowLegend(Alignment.LowerRight);
        return plot;
    }

    /// <summary>The precision-recall curve (recall → precision) with the area in the legend.</summary>
    public static Plot PrecisionRecall(BinaryClassificationMetrics metrics, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var plot = UnitSquare(title ?? "Precision-recall curve", "Recall", "Precision");
        AddCurve(plot, metrics.PrCurve, $"PR (AUC {metrics.AreaUnderPr:F3})");
        plot.ShowLegend(Alignment.LowerLeft);
        return plot;
    }

    private static Plot UnitSquare(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.Axes.SetLimits(-0.02, 1.02, -0.02, 1.02);
        return plot;
    }

    private static void AddCurve(Plot plot, IReadOnlyList<CurvePoint> points, string legend)
    {
        var curve = plot.Add.ScatterLine(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray());
        curve.LineWidth = 2;
        curve.LegendText = legend;
    }
}
