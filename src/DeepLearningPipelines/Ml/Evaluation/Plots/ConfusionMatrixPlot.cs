using System.Globalization;
using DeepLearningPipelines.Ml.Evaluation.Metrics;
using DeepLearningPipelines.Ml.Evaluation.Reports;
using ScottPlot;

namespace DeepLearningPipelines.Ml.Evaluation.Plots;

/// <summary>
/// A <see cref="Metrics.ConfusionMatrix"/> as a heat map: actual labels down the left (first at the top), predicted labels
/// along the bottom, each cell shaded by its count (white to dark blue) with the count written in it and a colour bar.
/// </summary>
public static class ConfusionMatrixPlot
{
    /// <summary>Builds the plot. Cell (actual <c>i</c>, predicted <c>j</c>) spans x ∈ [j, j+1], y ∈ [n−i−1, n−i].</summary>
    /// <param name="matrix">The counts to draw.</param>
    /// <param name="classNames">Optional names, <c>classNames[k]</c> naming label k; without them labels are shown as numbers.</param>
    /// <param name="title">Optional title above the grid.</param>
    /// <exception cref="Core.ParamException">A label is not an index into <paramref name="classNames"/>.</exception>
    public static Plot Create(ConfusionMatrix matrix, IReadOnlyList<string>? classNames = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        int n = matrix.Size;
        string[] names = matrix.Labels.Select(label => ClassNames.Of(label, classNames)).ToArray();
        var counts = new double[n, n];
        for (int actual = 0; actual < n; actual++)
        for (int predicted = 0; predicted < n; predicted++)
            counts[actual, predicted] = matrix[actual, predicted];

        var plot = new Plot();
        if (title is not null) plot.Title(title);
        var heatmap = plot.Add.Heatmap(counts);
        heatmap.Colormap = new ScottPlot.Colormaps.Blues().Reversed();
        heatmap.Rectangle = new CoordinateRect(0, n, 0, n);
        plot.Add.ColorBar(heatmap);
        double max = matrix.MaxCount, fontSize = n <= 10 ? 14 : n <= 20 ? 10 : 8;
        for (int actual = 0; actual < n; actual++)
        for (int predicted = 0; predicted < n; predicted++)
        {
            double count = counts[actual, predicted];
            var text = plot.Add.Text(FormatCount(count), predicted + 0.5, n - actual - 0.5);
            text.LabelAlignment = Alignment.MiddleCenter;
            text.LabelFontSize = (float)fontSize;
            text.LabelFontColor = max > 0 && count / max > 0.5 ? Colors.White : Colors.Black;
        }
        double[] middles = Enumerable.Range(0, n).Select(i => i + 0.5).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(middles, names);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(middles, names.Reverse().ToArray());
        plot.XLabel("Predicted");
        plot.YLabel("Actual");
        plot.Axes.SetLimits(0, n, 0, n);
        return plot;
    }

    private static string FormatCount(double count) =>
        count == Math.Floor(count) ? count.ToString("0", CultureInfo.InvariantCulture)
        : count.ToString(count < 100 ? "0.0" : "0", CultureInfo.InvariantCulture);
}
