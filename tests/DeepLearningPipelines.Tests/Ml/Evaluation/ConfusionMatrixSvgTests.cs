using System.Xml.Linq;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Ml.Evaluation.Metrics;
using DeepLearningPipelines.Ml.Evaluation.Reports;

namespace DeepLearningPipelines.Tests.Ml.Evaluation;

/// <summary>Renders confusion matrices to SVG and reads them back with System.Xml.</summary>
public sealed class ConfusionMatrixSvgTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Saved_svg_for_26_classes_is_well_formed_with_one_cell_and_count_per_pair()
    {
        const int classes = 26;
        var random = new Random(7);
        var counts = new double[classes, classes];
        for (int i = 0; i < classes; i++)
        for (int j = 0; j < classes; j++)
            counts[i, j] = i == j ? random.Next(50, 200) : random.Next(0, 12);
        var matrix = new ConfusionMatrix(Enumerable.Range(0, classes).Select(i => (double)i).ToArray(), counts);
        string[] names = Enumerable.Range(0, classes).Select(i => $"letter {(char)('A' + i)}").ToArray();
        var folder = Directory.CreateTempSubdirectory("dlp-metrics-");
        string path = Path.Combine(folder.FullName, "confusion.svg");

        ConfusionMatrixSvg.Save(path, matrix, names, "Letters");

        var svg = XDocument.Load(path).Root!;
        folder.Delete(recursive: true);
        Assert.Equal(Svg + "svg", svg.Name);
        var cells = ElementsOfClass(svg, "rect", "cell");
        var countTexts = ElementsOfClass(svg, "text", "count");
        Assert.Equal(classes * classes, cells.Count);
        Assert.Equal(classes * classes, countTexts.Count);
        Assert.Equal(counts[3, 5].ToString(System.Globalization.CultureInfo.InvariantCulture), countTexts[3 * classes + 5].Value);
        Assert.Equal(names, ElementsOfClass(svg, "text", "row-label").Select(e => e.Value));
        Assert.Equal(names, ElementsOfClass(svg, "text", "column-label").Select(e => e.Value));
        Assert.Equal(["Predicted", "Actual"], ElementsOfClass(svg, "text", "axis-title").Select(e => e.Value));
        Assert.Equal("Letters", ElementsOfClass(svg, "text", "title").Single().Value);
    }

    [Fact]
    public void Cells_are_shaded_from_light_for_zero_to_dark_for_the_largest_count()
    {
        var matrix = new ConfusionMatrix([0, 1], new double[,] { { 8, 0 }, { 2, 4 } });

        var cells = ElementsOfClass(XDocument.Parse(ConfusionMatrixSvg.Render(matrix)).Root!, "rect", "cell");

        Assert.Equal(["#08306b", "#f7fbff", "#bbc8da", "#8096b5"], cells.Select(c => (string)c.Attribute("fill")!));
    }

    [Fact]
    public void Class_names_are_escaped_and_weighted_counts_keep_one_decimal()
    {
        var matrix = new ConfusionMatrix([0, 1], new double[,] { { 2.44, 0 }, { 1, 3 } });

        var svg = XDocument.Parse(ConfusionMatrixSvg.Render(matrix, ["a<b & \"c\"", "d"])).Root!;

        Assert.Equal("a<b & \"c\"", ElementsOfClass(svg, "text", "row-label")[0].Value);
        Assert.Equal("2.4", ElementsOfClass(svg, "text", "count")[0].Value);
    }

    [Fact]
    public void Matrix_from_metrics_can_be_rendered_over_all_labels()
    {
        var metrics = new MulticlassMetrics(predictions: [0, 1, 2], labels: [0, 1, 1]);

        var svg = XDocument.Parse(ConfusionMatrixSvg.Render(metrics.ConfusionMatrix(metrics.AllLabels))).Root!;

        Assert.Equal(9, ElementsOfClass(svg, "rect", "cell").Count);
        Assert.Empty(ElementsOfClass(svg, "text", "title"));
    }

    [Fact]
    public void Counts_must_be_square_finite_and_not_negative()
    {
        Assert.Throws<ParamException>(() => new ConfusionMatrix([], new double[0, 0]));
        Assert.Throws<ParamException>(() => new ConfusionMatrix([0, 1], new double[2, 3]));
        Assert.Throws<ParamException>(() => new ConfusionMatrix([0], new double[,] { { -1 } }));
        Assert.Throws<ParamException>(() => new ConfusionMatrix([0], new double[,] { { double.NaN } }));
    }

    private static List<XElement> ElementsOfClass(XElement root, string element, string cssClass) =>
        root.Descendants(Svg + element).Where(e => (string?)e.Attribute("class") == cssClass).ToList();
}
