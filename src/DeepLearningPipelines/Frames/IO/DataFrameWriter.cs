using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames.Arrow;
using DeepLearningPipelines.Frames.IO.Parquet;

namespace DeepLearningPipelines.Frames.IO;

/// <summary>
/// Writes a DataFrame as a folder of part files (one per partition, written in parallel) plus <c>_SUCCESS</c>,
/// as Spark's <c>DataFrameWriter</c>. The parts are written into a hidden temporary folder beside the target that is
/// moved into place only when every part is complete, so a failed write leaves an existing output untouched.
/// </summary>
public sealed class DataFrameWriter
{
    private readonly DataFrame _frame;
    private readonly Dictionary<string, string> _options = new(StringComparer.OrdinalIgnoreCase);
    private SaveMode _mode = SaveMode.ErrorIfExists;
    private IReadOnlyList<string> _partitionBy = [];

    internal DataFrameWriter(DataFrame frame) => _frame = frame;

    /// <summary>What to do when the target exists; <see cref="SaveMode.ErrorIfExists"/> by default.</summary>
    public DataFrameWriter Mode(SaveMode mode) { _mode = mode; return this; }

    /// <summary><c>overwrite</c>, <c>append</c>, <c>ignore</c> or <c>error</c>/<c>errorifexists</c> (default), any case.</summary>
    public DataFrameWriter Mode(string mode) => Mode(mode.ToLowerInvariant() switch
    {
        "overwrite" => SaveMode.Overwrite,
        "append" => SaveMode.Append,
        "ignore" => SaveMode.Ignore,
        "error" or "errorifexists" => SaveMode.ErrorIfExists,
        _ => throw new ParamException($"Unknown save mode '{mode}'. Use overwrite, append, ignore or errorifexists."),
    });

    /// <summary>Parquet: writes one <c>col=value/</c> folder level per column, in this order, leaving those columns out of the files.</summary>
    public DataFrameWriter PartitionBy(params string[] columns) { _partitionBy = columns; return this; }

    /// <summary>
    /// CSV: header (default false), sep (default ','). JSON: no options. Parquet: compression (snappy (default), zstd,
    /// gzip, none), compressionLevel (zstd 1–22, gzip 1–9).
    /// </summary>
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
                    writer.WriteLine(string.Join(sep, b.RowValues(r).Select(v => v is null ? "" : CsvText.Quote(ValueFormat.Plain(v), sep))));
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

    /// <summary>
    /// Writes Parquet part files, one per partition written by its task (split further by <see cref="PartitionBy"/>),
    /// committed atomically with <c>_SUCCESS</c>; every column type is kept (images and vectors as structs).
    /// </summary>
    public void Parquet(string path)
    {
        var options = new ParquetWriteOptions
        {
            Compression = _options.TryGetValue("compression", out var codec) ? ParquetWriteOptions.ParseCompression(codec) : ParquetCompression.Snappy,
            CompressionLevel = _options.TryGetValue("compressionLevel", out var level)
                ? int.TryParse(level, out var n) ? n : throw new ParamException($"Parquet option compressionLevel must be an integer, got '{level}'.")
                : null,
        };
        options.Validate();
        var schema = ArrowTypes.ToSchema(_frame.Schema);
        ParquetDatasetWriter.PartitionIndices(schema, _partitionBy);
        string tag = Guid.NewGuid().ToString("N");
        var context = _frame.Session.Context();
        context.Executor.Commit(fill => FolderCommit.Run(path, _mode, fill), folder => context.Executor.Run(_frame.Plan, context, (p, batches) =>
        {
            using var part = new ParquetPartWriter(folder, p, tag, schema, _partitionBy, options);
            part.WriteAll(batches.Select(b => b.ToRecordBatch()));
            return 0;
        }));
    }

    private void WriteParts(string path, string extension, Action<StreamWriter, IEnumerable<RowBatch>, bool> write) =>
        _frame.Session.Executor.Commit(fill => FolderCommit.Run(path, _mode, fill), folder => WritePartFiles(folder, extension, write));

    private void WritePartFiles(string directory, string extension, Action<StreamWriter, IEnumerable<RowBatch>, bool> write)
    {
        string tag = Guid.NewGuid().ToString("N")[..8];
        var context = _frame.Session.Context();
        context.Executor.Run(_frame.Plan, context, (p, batches) =>
        {
            using var writer = new StreamWriter(Path.Combine(directory, $"part-{p:D5}-{tag}.{extension}")) { NewLine = "\n" };
            write(writer, batches, p == 0);
            return 0;
        });
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
