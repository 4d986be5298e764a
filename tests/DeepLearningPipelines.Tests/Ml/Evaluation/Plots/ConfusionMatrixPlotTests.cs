using System.Globalization;
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
    public void TwentySixClassesHaveEveryNameAndCount()
    {
        const int classes = 26;
        var random = new Random(7);
        var counts = new double[classes, classes];
        for (int i = 0; i < classes; i++)
        for (int j = 0; j < classes; j++)
            counts[i, j] = i == j ? random.Next(50, 200) : random.Next(0, 12);
        var matrix = new ConfusionMatrix(Enumerable.Range(0, classes).Select(i => (double)i).ToArray(), counts);
        string[] names = Enumerable.Range(0, classes).Select(i => $"letter {(char)('A' + i)}").ToArray();
        using var pictures = new PlotPictures(ConfusionMatrixPlot.Create(matrix, names, "Letters"));

        var texts = pictures.Svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).ToList();
        Assert.All(names, name => Assert.Equal(2, texts.Count(t => t == name))); // once down the left, once along the bottom
        // Every cell's count is written (the colour bar's tick labels may add more numbers).
        var expected = Enumerable.Range(0, classes * classes).Select(k => counts[k / classes, k % classes].ToString(CultureInfo.InvariantCulture));
        foreach (var group in expected.GroupBy(c => c))
            Assert.True(texts.Count(t => t == group.Key) >= group.Count(), $"count {group.Key} is written {texts.Count(t => t == group.Key)} times, not {group.Count()}");
        Assert.Contains("Letters", texts);
    }

    [Fact]
    public void NamesAreEscapedAndWeightedCountsKeepOneDecimal()
    {
        var matrix = new ConfusionMatrix([0, 1], new double[,] { { 2.44, 0 }, { 1, 3 } });
        using var pictures = new PlotPictures(ConfusionMatrixPlot.Create(matrix, ["a<b & \"c\"", "d"]));

        Assert.Contains("a<b & \"c\"", pictures.SvgText);
        Assert.Contains("2.4", pictures.SvgText);
        Assert.DoesNotContain("2.44", pictures.SvgText);
    }

    [Fact]
    public void ALabelWithoutANameIsRejected()
    {
        var matrix = new ConfusionMatrix([0, 5], new double[,] { { 1, 0 }, { 0, 1 } });
        Assert.Throws<ParamException>(() => ConfusionMatrixPlot.Create(matrix, ["a", "b"]));
    }
}
