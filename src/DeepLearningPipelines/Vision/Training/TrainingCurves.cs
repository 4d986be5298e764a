using DeepLearningPipelines.Ml.Evaluation.Plots;
using ScottPlot;

namespace DeepLearningPipelines.Vision.Training;

/// <summary>
/// A fit's training curves per epoch as a ScottPlot plot: loss on the left axis (points marked by circles) and accuracy
/// on the right axis (squares), training in blue and validation in orange, the legend right of the axes. Lines are solid:
/// SkiaSharp's SVG writer cannot draw dashes.
/// </summary>
public static class TrainingCurves
{
    /// <summary>Training's colour.</summary>
    public static readonly Color Training = Color.FromHex("#1f77b4");

    /// <summary>Validation's colour.</summary>
    public static readonly Color Validation = Color.FromHex("#ff7f0e");

    /// <summary>Builds the plot of <paramref name="epochs"/>.</summary>
    /// <param name="epochs">The fit's epoch summaries, e.g. <see cref="FitResult.Epochs"/>.</param>
    /// <param name="title">The plot's title.</param>
    /// <param name="validationName">What the held-out data is called in the legend, e.g. <c>test</c>.</param>
    public static Plot Create(IReadOnlyList<EpochSummary> epochs, string title, string validationName = "validation")
    {
        ArgumentNullException.ThrowIfNull(epochs);
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel("Epoch");
        plot.Axes.Left.Label.Text = "Loss";
        plot.Axes.Right.Label.Text = "Accuracy";
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        AddLine(plot, epochs, e => e.Loss, "training loss", Training, plot.Axes.Left, MarkerShape.FilledCircle);
        AddLine(plot, epochs, e => e.ValidationLoss, $"{validationName} loss", Validation, plot.Axes.Left, MarkerShape.FilledCircle);
        AddLine(plot, epochs, e => e.Accuracy, "training accuracy", Training, plot.Axes.Right, MarkerShape.FilledSquare);
        AddLine(plot, epochs, e => e.ValidationAccuracy, $"{validationName} accuracy", Validation, plot.Axes.Right, MarkerShape.FilledSquare);
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    /// <summary>Writes <see cref="Create"/>'s plot to <paramref name="pngPath"/> and as SVG beside it (same name, <c>.svg</c>).</summary>
    public static void Save(string pngPath, IReadOnlyList<EpochSummary> epochs, string title, string validationName = "validation")
    {
        ArgumentNullException.ThrowIfNull(pngPath);
        var plot = Create(epochs, title, validationName);
        PlotFile.Save(plot, pngPath, 800, 480);
        PlotFile.Save(plot, Path.ChangeExtension(pngPath, ".svg"), 800, 480);
    }

    private static void AddLine(Plot plot, IReadOnlyList<EpochSummary> epochs, Func<EpochSummary, double?> value, string name, Color color, IYAxis axis, MarkerShape marker)
    {
        var points = epochs.Where(e => value(e) is { } v && double.IsFinite(v)).ToList();
        if (points.Count == 0) return;
        var line = plot.Add.Scatter(points.Select(e => (double)e.Epoch).ToArray(), points.Select(e => value(e)!.Value).ToArray(), color);
        line.Axes.YAxis = axis;
        line.LineWidth = 2;
        line.MarkerSize = 6;
        line.MarkerShape = marker;
        line.LegendText = name;
    }
}
