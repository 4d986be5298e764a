using DeepLearningPipelines.Core;
using DeepLearningPipelines.Ml.Evaluation.Metrics;
using DeepLearningPipelines.Ml.Evaluation.Plots;

namespace DeepLearningPipelines.Tests.Ml.Evaluation.Plots;

public sealed class ConfusionMatrixPlotTests
{
    [Fact]
    public void CellsAreShadedByCountWithActualRowsFromTheTop()
    {
        var matrix = new ConfusionMatrix([0, 1, 2], new double[,] { { 9, 0, 0 }, { 1, 4, 0 }, { 0, 0, 0 } });
        using var pictures = new PlotPictures(ConfusionMatrixPlot.Create(matrix, ["cat", "dog", "eel"], "Pets"));

        // Cell (actual i, predicted j) spans x in [j, j+1], y in [2-i, 3-i]; sample a corner, away from the count text.
        var top = pictures.At(0.15, 2.85);      // actual cat, predicted cat: 9, the darkest
        var middle = pictures.At(1.15, 1.85);   // actual dog, predicted dog: 4
        var empty = pictures.At(2.15, 0.85);    // actual eel, predicted eel: 0
        Assert.True(top.Blue < middle.Blue || top.Red < middle.Red, $"9 ({top}) is not darker than 4 ({middle})");
        Assert.True(middle.Red < empty.Red, $"4 ({middle}) is not darker than 0 ({empty})");
        Assert.True(PlotPictures.IsBlank(empty), $"an empty cell is not white: {empty}");

        string text = pictures.SvgText;
        foreach (var word in new[] { "Pets", "Predicted", "Actual", "cat", "dog", "eel", "9", "4" }) Assert.Contains(word, text);
    }

    [Fact]
    public void ALabelWithoutANameIsRejected()
    {
        var matrix = new ConfusionMatrix([0, 5], new double[,] { { 1, 0 }, { 0, 1 } });
        Assert.Throws<ParamException>(() => ConfusionMatrixPlot.Create(matrix, ["a", "b"]));
    }
}
