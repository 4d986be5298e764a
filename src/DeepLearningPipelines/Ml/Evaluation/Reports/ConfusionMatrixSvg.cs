using System.Globalization;
using System.Security;
using System.Text;
using DeepLearningPipelines.Ml.Evaluation.Metrics;

namespace DeepLearningPipelines.Ml.Evaluation.Reports;

/// <summary>
/// Draws a <see cref="ConfusionMatrix"/> as a self-contained SVG heat map: one cell per (actual, predicted) pair shaded by
/// its count, the count written in the cell, actual labels down the left ("Actual") and predicted labels along the bottom ("Predicted").
/// </summary>
public static class ConfusionMatrixSvg
{
    private const double LabelFontSize = 12;
    private const double CharWidth = 0.6;
    private const double AxisTitleSpace = 36;
    private static readonly double Cos45 = Math.Sqrt(0.5);

    /// <summary>Renders the SVG document.</summary>
    /// <param name="matrix">The counts to draw.</param>
    /// <param name="classNames">Optional names, <c>classNames[k]</c> naming label k; without them labels are shown as numbers.</param>
    /// <param name="title">Optional title above the grid.</param>
    /// <exception cref="Core.ParamException">A label is not an index into <paramref name="classNames"/>.</exception>
    public static string Render(ConfusionMatrix matrix, IReadOnlyList<string>? classNames = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        int n = matrix.Size;
        string[] names = matrix.Labels.Select(label => ClassNames.Of(label, classNames)).ToArray();
        double cell = n <= 10 ? 56 : n <= 20 ? 40 : 32;
        double grid = n * cell;
        double labelWidth = names.Max(name => name.Length) * LabelFontSize * CharWidth + 8;
        double left = AxisTitleSpace + labelWidth;
        double top = title is null ? 16 : 44;
        double bottomLabels = labelWidth * Cos45 + 12;
        double width = Math.Max(left + grid + 20, (title?.Length ?? 0) * 16 * CharWidth + 40);
        double height = top + grid + bottomLabels + AxisTitleSpace;
        double max = matrix.MaxCount;

        var svg = new StringBuilder();
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{F(width)}\" height=\"{F(height)}\" viewBox=\"0 0 {F(width)} {F(height)}\" font-family=\"sans-serif\">\n");
        svg.Append($"<rect width=\"{F(width)}\" height=\"{F(height)}\" fill=\"#ffffff\"/>\n");
        if (title is not null)
            svg.Append($"<text class=\"title\" x=\"{F(width / 2)}\" y=\"28\" font-size=\"16\" font-weight=\"bold\" text-anchor=\"middle\">{Escape(title)}</text>\n");

        for (int actual = 0; actual < n; actual++)
        for (int predicted = 0; predicted < n; predicted++)
        {
            double count = matrix[actual, predicted];
            double shade = BluesColorMap.Shade(count, max);
            double x = left + predicted * cell, y = top + actual * cell;
            string countText = FormatCount(count);
            double fontSize = Math.Min(cell * 0.34, (cell - 4) / (countText.Length * CharWidth));
            svg.Append($"<rect class=\"cell\" x=\"{F(x)}\" y=\"{F(y)}\" width=\"{F(cell)}\" height=\"{F(cell)}\" fill=\"{BluesColorMap.HexAt(shade)}\" stroke=\"#ffffff\" stroke-width=\"1\">");
            svg.Append($"<title>Actual {Escape(names[actual])}, predicted {Escape(names[predicted])}: {countText}</title></rect>\n");
            svg.Append($"<text class=\"count\" x=\"{F(x + cell / 2)}\" y=\"{F(y + cell / 2)}\" font-size=\"{F(fontSize)}\" text-anchor=\"middle\" dominant-baseline=\"central\" fill=\"{(shade > 0.5 ? "#ffffff" : "#1a1a1a")}\">{countText}</text>\n");
        }

        for (int i = 0; i < n; i++)
        {
            double rowMiddle = top + (i + 0.5) * cell, columnMiddle = left + (i + 0.5) * cell, below = top + grid + 8;
            svg.Append($"<text class=\"row-label\" x=\"{F(left - 6)}\" y=\"{F(rowMiddle)}\" font-size=\"{F(LabelFontSize)}\" text-anchor=\"end\" dominant-baseline=\"central\">{Escape(names[i])}</text>\n");
            svg.Append($"<text class=\"column-label\" x=\"{F(columnMiddle)}\" y=\"{F(below)}\" font-size=\"{F(LabelFontSize)}\" text-anchor=\"end\" dominant-baseline=\"central\" transform=\"rotate(-45 {F(columnMiddle)} {F(below)})\">{Escape(names[i])}</text>\n");
        }

        double axisFont = 14;
        svg.Append($"<text class=\"axis-title\" x=\"{F(left + grid / 2)}\" y=\"{F(top + grid + bottomLabels + AxisTitleSpace / 2)}\" font-size=\"{F(axisFont)}\" font-weight=\"bold\" text-anchor=\"middle\" dominant-baseline=\"central\">Predicted</text>\n");
        svg.Append($"<text class=\"axis-title\" x=\"{F(AxisTitleSpace / 2)}\" y=\"{F(top + grid / 2)}\" font-size=\"{F(axisFont)}\" font-weight=\"bold\" text-anchor=\"middle\" dominant-baseline=\"central\" transform=\"rotate(-90 {F(AxisTitleSpace / 2)} {F(top + grid / 2)})\">Actual</text>\n");
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    /// <summary>Renders the SVG document and writes it to <paramref name="path"/> as UTF-8.</summary>
    public static void Save(string path, ConfusionMatrix matrix, IReadOnlyList<string>? classNames = null, string? title = null) =>
        File.WriteAllText(path, Render(matrix, classNames, title), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));

    private static string FormatCount(double count) =>
        count == Math.Floor(count) ? count.ToString("0", CultureInfo.InvariantCulture)
        : count.ToString(count < 100 ? "0.0" : "0", CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Escape(string text) => SecurityElement.Escape(text);
}
