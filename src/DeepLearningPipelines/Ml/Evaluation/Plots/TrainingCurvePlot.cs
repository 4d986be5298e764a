using DeepLearningPipelines.Core;
using ScottPlot;

namespace DeepLearningPipelines.Ml.Evaluation.Plots;

/// <summary>Training curves: the objective (loss) after each iteration of one or more fits, iteration 0 being the start point.</summary>
public static class TrainingCurvePlot
{
    /// <summary>Builds the plot with one line per named run, e.g. a model's <c>ObjectiveHistory</c>.</summary>
    /// <exception cref="ParamException">No run, or a run without any loss value.</exception>
    public static Plot Create(IReadOnlyList<(string Name, IReadOnlyList<double> Loss)> runs, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0) throw new ParamException("A training-curve plot needs at least one run's loss history.");
        var plot = new Plot();
        plot.Title(title ?? "Training loss");
        plot.XLabel("Iteration");
        plot.YLabel("Loss");
        foreach (var (name, loss) in runs)
        {
            if (loss.Count == 0) throw new ParamException($"Run '{name}' has no loss value to plot: pass its objective history.");
            var line = plot.Add.ScatterLine(Enumerable.Range(0, loss.Count).Select(i => (double)i).ToArray(), loss.ToArray());
            line.LineWidth = 2;
            line.LegendText = name;
        }
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }
}
