using System.Globalization;
using System.Security;
using System.Text;

namespace DeepLearningPipelines.Vision.Training;

/// <summary>
/// Draws training curves as a self-contained SVG: loss (left panel) and accuracy (right panel) per epoch, training in
/// blue and validation in orange, each panel scaled to its values.
/// </summary>
public static class TrainingCurveSvg
{
    private const double PanelWidth = 360, PanelHeight = 240, Margin = 48, Top = 44;

    /// <summary>Renders the curves of <paramref name="epochs"/> under <paramref name="title"/>.</summary>
    public static string Render(IReadOnlyList<EpochSummary> epochs, string title)
    {
        var svg = new StringBuilder();
        double width = 2 * (PanelWidth + 2 * Margin), height = Top + PanelHeight + 2 * Margin;
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{F(width)}\" height=\"{F(height)}\" viewBox=\"0 0 {F(width)} {F(height)}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.Append($"<rect width=\"{F(width)}\" height=\"{F(height)}\" fill=\"#ffffff\"/>\n");
        svg.Append($"<text x=\"{F(width / 2)}\" y=\"24\" font-size=\"16\" font-weight=\"bold\" text-anchor=\"middle\">{SecurityElement.Escape(title)}</text>\n");
        Panel(svg, Margin, "loss", epochs, e => e.Loss, e => e.ValidationLoss);
        Panel(svg, PanelWidth + 3 * Margin, "accuracy", epochs, e => e.Accuracy, e => e.ValidationAccuracy);
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    /// <summary>Writes <see cref="Render"/>'s document to <paramref name="path"/>.</summary>
    public static void Save(string path, IReadOnlyList<EpochSummary> epochs, string title) => Core.AtomicFile.WriteAllText(path, Render(epochs, title));

    private static void Panel(StringBuilder svg, double left, string name, IReadOnlyList<EpochSummary> epochs, Func<EpochSummary, double?> train, Func<EpochSummary, double?> validation)
    {
        var values = epochs.SelectMany(e => new[] { train(e), validation(e) }).OfType<double>().Where(double.IsFinite).ToList();
        double low = values.Count == 0 ? 0 : values.Min(), high = values.Count == 0 ? 1 : values.Max();
        if (high - low < 1e-9) (low, high) = (low - 0.5, high + 0.5);
        double pad = (high - low) * 0.05;
        (low, high) = (low - pad, high + pad);
        double bottom = Top + PanelHeight;
        svg.Append($"<rect x=\"{F(left)}\" y=\"{F(Top)}\" width=\"{F(PanelWidth)}\" height=\"{F(PanelHeight)}\" fill=\"none\" stroke=\"#999999\"/>\n");
        svg.Append($"<text x=\"{F(left + PanelWidth / 2)}\" y=\"{F(bottom + 36)}\" text-anchor=\"middle\">epoch</text>\n");
        svg.Append($"<text x=\"{F(left + 6)}\" y=\"{F(Top + 16)}\">{name} (blue: training, orange: validation)</text>\n");
        for (int t = 0; t <= 4; t++)
        {
            double v = low + (high - low) * t / 4, y = bottom - PanelHeight * t / 4;
            svg.Append($"<text x=\"{F(left - 4)}\" y=\"{F(y + 4)}\" text-anchor=\"end\">{v.ToString("0.###", CultureInfo.InvariantCulture)}</text>\n");
        }
        double X(int epoch) => left + (epochs.Count == 1 ? PanelWidth / 2 : PanelWidth * (epoch - 1) / (epochs.Count - 1));
        double Y(double v) => bottom - PanelHeight * (v - low) / (high - low);
        foreach (var e in epochs)
            svg.Append($"<text x=\"{F(X(e.Epoch))}\" y=\"{F(bottom + 16)}\" text-anchor=\"middle\">{e.Epoch}</text>\n");
        Line(svg, epochs, train, X, Y, "#1f77b4");
        Line(svg, epochs, validation, X, Y, "#ff7f0e");
    }

    private static void Line(StringBuilder svg, IReadOnlyList<EpochSummary> epochs, Func<EpochSummary, double?> value, Func<int, double> x, Func<double, double> y, string color)
    {
        var points = epochs.Where(e => value(e) is { } v && double.IsFinite(v)).Select(e => $"{F(x(e.Epoch))},{F(y(value(e)!.Value))}").ToList();
        if (points.Count == 0) return;
        svg.Append($"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" points=\"{string.Join(" ", points)}\"/>\n");
        foreach (var p in points)
        {
            var xy = p.Split(',');
            svg.Append($"<circle cx=\"{xy[0]}\" cy=\"{xy[1]}\" r=\"3\" fill=\"{color}\"/>\n");
        }
    }

    private static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}
