using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames.Arrow;
using DeepLearningPipelines.Frames.IO.Parquet;

namespace DeepLearningPipelines.Frames.IO;

/// <summary>
/// Writes a DataFrame as a folder of part files (one per partition, written in parallel) plus <c>_SUCCESS</c>,
/// as Spark's <c>DataFrameWriter</c>. The parts are written into a hidden folder beside the target
/// (<c>.NAME.dlp-job</c>) that is moved into place only when every part is complete, so a failed write leaves an
/// existing output untouched. Each finished partition is recorded there: running the same write again after a
/// failure or a kill writes only the partitions that were not finished, and the result is the uninterrupted
/// write's (see <c>resume</c> in <see cref="Option(string, string)"/>).
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
    /// gzip, none), compressionLevel (zstd 1–22, gzip 1–9). Every format: resume (default true) continues an
    /// interrupted write of the same job to the same path; a different job's unfinished write there is refused, and
    /// <c>resume=false</c> discards it and starts over.
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
        RunJob(path, "parquet", (folder, p, tag, batches) =>
        {
            using var part = new ParquetPartWriter(folder, p, tag, schema, _partitionBy, options);
            part.WriteAll(batches.Select(b => b.ToRecordBatch()));
        });
    }

    private void WriteParts(string path, string extension, Action<StreamWriter, IEnumerable<RowBatch>, bool> write) =>
        RunJob(path, extension, (folder, p, tag, batches) =>
        {
            using var writer = new StreamWriter(Path.Combine(folder, $"part-{p:D5}-{tag}.{extension}")) { NewLine = "\n" };
            write(writer, batches, p == 0);
        });

    /// <summary>
    /// Runs the write as a resumable job: each partition not yet committed is written by <paramref name="writePart"/>
    /// (staging folder, partition, the job's tag, its batches) and committed; then the output is committed.
    /// </summary>
    private void RunJob(string path, string format, Action<string, int, string, IEnumerable<RowBatch>> writePart)
    {
        bool resume = !_options.TryGetValue("resume", out var r) || (bool.TryParse(r, out var b)
            ? b : throw new ParamException($"Option resume must be true or false, got '{r}'."));
        var options = _options.Where(o => !o.Key.Equals("resume", StringComparison.OrdinalIgnoreCase))
            .Select(o => $"{o.Key.ToLowerInvariant()}={o.Value}").Order(StringComparer.Ordinal);
        string fingerprint = OutputJournal.Fingerprint(_frame, format, string.Join(",", options), string.Join(",", _partitionBy));
        var context = _frame.Session.Context();
        // The first participant applies the mode, opens (or restarts) the job and commits it; every participant,
        // attached to the same journal, writes and commits the partitions it runs.
        context.Executor.Commit(
            stage => FolderCommit.RunResumable(path, _mode, fingerprint, _frame.Plan.NumPartitions, resume, "write with .Option(\"resume\", false)",
                journal => stage(journal.Folder)),
            folder =>
            {
                var journal = OutputJournal.Attach(folder);
                context.Executor.Run(_frame.Plan, context, (p, batches) =>
                {
                    if (journal.IsCommitted(p)) return 0;
                    journal.Commit(p, staging =>
                    {
                        long rows = 0;
                        writePart(staging, p, journal.Tag, batches.Select(b => { rows += b.RowCount; return b; }));
                        return (rows, []);
                    });
                    return 0;
                });
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
