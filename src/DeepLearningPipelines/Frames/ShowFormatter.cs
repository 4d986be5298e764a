using System.Text;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames;

/// <summary>Renders rows as Spark's <c>show()</c> table.</summary>
internal static class ShowFormatter
{
    public static string Format(StructType schema, IReadOnlyList<Row> rows, bool hasMore, int numRows, int truncate)
    {
        var header = schema.FieldNames.ToArray();
        var cells = rows.Select(r => Enumerable.Range(0, schema.Count).Select(i => Cell(r[i], truncate)).ToArray()).ToList();
        var widths = header.Select((h, c) => Math.Max(3, Math.Max(h.Length, cells.Count == 0 ? 0 : cells.Max(r => r[c].Length)))).ToArray();
        var sep = "+" + string.Join("+", widths.Select(w => new string('-', w))) + "+\n";
        var sb = new StringBuilder(sep);
        AppendLine(sb, header, widths, truncate > 0);
        sb.Append(sep);
        foreach (var r in cells) AppendLine(sb, r, widths, truncate > 0);
        sb.Append(sep);
        if (hasMore) sb.Append("only showing top ").Append(numRows).Append(numRows == 1 ? " row\n" : " rows\n");
        return sb.ToString();
    }

    private static void AppendLine(StringBuilder sb, string[] values, int[] widths, bool rightAlign)
    {
        sb.Append('|');
        for (int i = 0; i < values.Length; i++)
            sb.Append(rightAlign ? values[i].PadLeft(widths[i]) : values[i].PadRight(widths[i])).Append('|');
        sb.Append('\n');
    }

    internal static string Cell(object? value, int truncate)
    {
        var s = ValueFormat.Plain(value);
        if (truncate > 0 && s.Length > truncate)
            s = truncate < 4 ? s[..truncate] : s[..(truncate - 3)] + "...";
        return s;
    }
}
