using System.Globalization;
using System.Text;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Ml.Evaluation.Reports;

/// <summary>Lays a <see cref="ClassificationReport"/> out as scikit-learn's <c>classification_report</c> text.</summary>
internal static class ClassificationReportText
{
    private const int ColumnWidth = 9;
    private const string WidestAverageName = "weighted avg";
    private static readonly string[] Headers = ["precision", "recall", "f1-score", "support"];

    public static string Format(ClassificationReport report, int digits)
    {
        if (digits is < 0 or > 15)
            throw new ParamException($"A classification report shows 0 to 15 decimals, got {digits}.");
        int nameWidth = Math.Max(Math.Max(report.Classes.Max(c => c.Name.Length), WidestAverageName.Length), digits);

        var text = new StringBuilder();
        text.Append(new string(' ', nameWidth)).Append(' ');
        foreach (string header in Headers)
            text.Append(' ').Append(header.PadLeft(ColumnWidth));
        text.Append("\n\n");
        foreach (var row in report.Classes)
            AppendRow(text, row, nameWidth, digits);
        text.Append('\n');

        text.Append("accuracy".PadLeft(nameWidth)).Append(' ');
        text.Append(' ').Append(new string(' ', ColumnWidth));
        text.Append(' ').Append(new string(' ', ColumnWidth));
        text.Append(' ').Append(Number(report.Accuracy, digits));
        text.Append(' ').Append(Support(report.WeightedAverage.Support)).Append('\n');
        AppendRow(text, report.MacroAverage, nameWidth, digits);
        AppendRow(text, report.WeightedAverage, nameWidth, digits);
        return text.ToString();
    }

    private static void AppendRow(StringBuilder text, ClassificationReportRow row, int nameWidth, int digits)
    {
        text.Append(row.Name.PadLeft(nameWidth)).Append(' ');
        text.Append(' ').Append(Number(row.Precision, digits));
        text.Append(' ').Append(Number(row.Recall, digits));
        text.Append(' ').Append(Number(row.F1Score, digits));
        text.Append(' ').Append(Support(row.Support)).Append('\n');
    }

    private static string Number(double value, int digits) =>
        value.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture).PadLeft(ColumnWidth);

    /// <summary>Whole supports print as integers; weighted, fractional ones in shortest round-trip form.</summary>
    private static string Support(double support) =>
        (support == Math.Floor(support) ? support.ToString("0", CultureInfo.InvariantCulture) : support.ToString("R", CultureInfo.InvariantCulture))
        .PadLeft(ColumnWidth);
}
