using System.Text;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames;

/// <summary>Renders rows as Spark's <c>show(vertical = true)</c>: one <c>-RECORD n-</c> block per row, a line per column.</summary>
internal static class VerticalShowFormatter
{
    private const int MinimumWidth = 3;

    public static string Format(StructType schema, IReadOnlyList<Row> rows, bool hasMore, int numRows, int truncate)
    {
        var names = schema.FieldNames.ToArray();
        var cells = rows.Select(r => Enumerable.Range(0, schema.Count).Select(i => ShowFormatter.Cell(r[i], truncate)).ToArray()).ToList();
        int nameWidth = names.Aggregate(MinimumWidth, (w, n) => Math.Max(w, n.Length));
        int dataWidth = cells.Aggregate(MinimumWidth, (w, r) => r.Length == 0 ? w : Math.Max(w, r.Max(c => c.Length)));
        var sb = new StringBuilder();
        for (int i = 0; i < cells.Count; i++)
        {
            sb.Append($"-RECORD {i}".PadRight(nameWidth + dataWidth + 5, '-')).Append('\n');
            for (int c = 0; c < names.Length; c++)
                sb.Append(' ').Append(names[c].PadRight(nameWidth)).Append(" | ").Append(cells[i][c].PadRight(dataWidth)).Append(" \n");
        }
        if (rows.Count == 0) sb.Append("(0 rows)\n");
        else if (hasMore) sb.Append("only showing top ").Append(numRows).Append(numRows == 1 ? " row\n" : " rows\n");
        return sb.ToString();
    }
}
