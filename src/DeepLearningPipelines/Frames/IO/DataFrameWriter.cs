using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.IO;

/// <summary>
/// Writes a DataFrame as a folder of part files (one per partition, written in parallel) plus <c>_SUCCESS</c>,
/// as Spark's <c>DataFrameWriter</c>.
/// </summary>
public sealed class DataFrameWriter
{
    private readonly DataFrame _frame;
    private readonly Dictionary<string, string> _options = new(StringComparer.OrdinalIgnoreCase);
    private string _mode = "errorifexists";

    internal DataFrameWriter(DataFrame frame) => _frame = frame;

    /// <summary><c>overwrite</c>, <c>append</c>, <c>ignore</c> or <c>error</c>/<c>errorifexists</c> (default).</summary>
    public DataFrameWriter Mode(string mode)
    {
        var m = mode.ToLowerInvariant();
        if (m is not ("overwrite" or "append" or "ignore" or "error" or "errorifexists"))
            throw new ParamException($"Unknown save mode '{mode}'. Use overwrite, append, ignore or errorifexists.");
        _mode = m == "error" ? "errorifexists" : m;
        return this;
    }

    /// <summary>CSV: header (default false), sep (default ','). JSON: no options.</summary>
    public DataFrameWriter Option(string key, string value) { _options[key] = value; return this; }
    public DataFrameWriter Option(string key, bool value) => Option(key, value ? "true" : "false");

    /// <summary>Writes CSV part files; vector, array, struct and binary columns are refused, as in Spark.</summary>
    public void Csv(string path)
    {
        foreach (var f in _frame.Schema.Fields)
            if (f.DataType is VectorType or ArrayType or StructType || f.DataType == DataTypes.Binary)
                throw new SchemaException($"CSV data source does not support column '{f.Name}' of type {f.DataType.SimpleString}; write JSON instead or convert the column first.");
        bool header = _options.TryGetValue("header", out var h) && bool.Parse(h);
        char sep = _options.TryGetValue("sep", out var s) && s.Length == 1 ? s[0] : ',';
        WriteParts(path, "csv", (writer, batches, first) =>
        {
            if (header) writer.WriteLine(string.Join(sep, _frame.Schema.FieldNames.Select(n => CsvText.Quote(n, sep))));
            foreach (var b in batches)
                for (int r = 0; r < b.RowCount; r++)
                    writer.WriteLine(string.Join(sep, b.Columns.Select(c => c[r] is null ? "" : CsvText.Quote(ValueFormat.Plain(c[r]), sep))));
        });
    }

    /// <summary>Writes JSON-lines part files: one object per row, null fields left out, vectors in Spark's form.</summary>
    public void Json(string path) =>
        WriteParts(path, "json", (writer, batches, _) =>
        {
            foreach (var b in batches)
                for (int r = 0; r < b.RowCount; r++)
                    writer.WriteLine(JsonRow.Serialize(_frame.Schema, b, r));
        });

    private void WriteParts(string path, string extension, Action<StreamWriter, IEnumerable<RowBatch>, bool> write)
    {
        if (Directory.Exists(path) || File.Exists(path))
        {
            switch (_mode)
            {
                case "errorifexists": throw new DlpException($"Path {Path.GetFullPath(path)} already exists. Use Mode(\"overwrite\") to replace it.");
                case "ignore": return;
                case "overwrite":
                    if (File.Exists(path)) File.Delete(path); else Directory.Delete(path, recursive: true);
                    break;
            }
        }
        Directory.CreateDirectory(path);
        string tag = Guid.NewGuid().ToString("N")[..8];
        LocalExecutor.Run(_frame.Plan, _frame.Session.Context(), (p, batches) =>
        {
            var file = Path.Combine(path, $"part-{p:D5}-{tag}.{extension}");
            using var writer = new StreamWriter(file) { NewLine = "\n" };
            write(writer, batches, p == 0);
            return 0;
        });
        File.WriteAllText(Path.Combine(path, "_SUCCESS"), "");
    }
}

/// <summary>CSV quoting for writers.</summary>
internal static class CsvText
{
    /// <summary>Quotes a field when it holds the separator, a quote, a newline or edge spaces; quotes are doubled.</summary>
    public static string Quote(string text, char sep)
    {
        bool needs = text.Length == 0 || text.IndexOfAny([sep, '"', '\n', '\r']) >= 0 || text[0] == ' ' || text[^1] == ' ';
        return needs ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
    }
}
