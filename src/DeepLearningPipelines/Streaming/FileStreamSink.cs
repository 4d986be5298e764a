using System.Text.Json;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Frames.Arrow;
using DeepLearningPipelines.Frames.IO;
using DeepLearningPipelines.Frames.IO.Parquet;

namespace DeepLearningPipelines.Streaming;

/// <summary>
/// Writes each micro-batch as one file, <c>part-NNNNNN.{csv,json,parquet}</c> named by its batch id, exactly once, as
/// Spark's file sink with its <c>_spark_metadata</c> log: the file is written into <c>_staging/batch-N/</c>, then
/// <c>_spark_metadata/N</c> records it, then it is renamed into the output folder. A batch id the log already holds is
/// not written again (a restart finishes the rename if the crash came before it); a batch that crashed before its log
/// entry is written afresh under the same name. Readers of the folder (<c>Read().Parquet/Csv</c>) skip the
/// <c>_</c>-prefixed folders, so they see only files of committed batches. A batch with no rows writes no file.
/// </summary>
internal sealed class FileStreamSink : IStreamSink
{
    private readonly string _format;
    private readonly StructType _schema;
    private readonly bool _header;
    private readonly char _separator;
    private readonly ParquetWriteOptions _parquet = new();
    private readonly BatchLog _log;

    public FileStreamSink(string path, string format, StructType schema, IReadOnlyDictionary<string, string> options)
    {
        Folder = Path.GetFullPath(path);
        _format = format;
        _schema = schema;
        if (format == "csv")
            foreach (var f in schema.Fields)
                if (f.DataType is VectorType or ArrayType or StructType || f.DataType == DataTypes.Binary)
                    throw new SchemaException($"The CSV stream sink does not support column '{f.Name}' of type {f.DataType.SimpleString}; write JSON or Parquet instead, or convert the column first.");
        _header = options.TryGetValue("header", out var h) && bool.TryParse(h, out var hb) && hb;
        _separator = options.TryGetValue("sep", out var s) && s.Length == 1 ? s[0] : ',';
        if (options.TryGetValue("compression", out var codec)) _parquet = new ParquetWriteOptions { Compression = ParquetWriteOptions.ParseCompression(codec) };
        if (File.Exists(Folder)) throw new DlpException($"The stream sink's path {Folder} is a file; give a folder.");
        _log = new BatchLog(Path.Combine(Folder, "_spark_metadata"));
    }

    public string Folder { get; }
    public string Description => $"FileSink[{_format} {Folder}]";

    private string Staging(long batchId) => Path.Combine(Folder, "_staging", $"batch-{batchId}");
    private string FileName(long batchId) => $"part-{batchId:D6}.{_format}";

    public void AddBatch(long batchId, DataFrame batch)
    {
        if (!_log.Has(batchId))
        {
            var staging = Staging(batchId);
            AtomicFile.TryDelete(staging);
            Directory.CreateDirectory(staging);
            var context = batch.Session.Context();
            var partitions = context.Executor.Run(batch.Plan, context, (_, batches) => batches.Where(b => b.RowCount > 0).ToList());
            var batches = partitions.SelectMany(p => p).ToList();
            var entries = new List<string>();
            if (batches.Count > 0)
            {
                var file = Path.Combine(staging, FileName(batchId));
                Write(file, batches);
                entries.Add(JsonSerializer.Serialize(new { path = Path.Combine(Folder, FileName(batchId)), size = new FileInfo(file).Length, isDir = false, action = "add" }));
                using (var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite)) stream.Flush(flushToDisk: true);
            }
            _log.Write(batchId, entries);
        }
        RollForward(batchId);
    }

    /// <summary>Moves a logged batch's staged file into the output folder (again, harmlessly, if it already moved).</summary>
    private void RollForward(long batchId)
    {
        var staging = Staging(batchId);
        if (!Directory.Exists(staging)) return;
        foreach (var file in Directory.GetFiles(staging)) File.Move(file, Path.Combine(Folder, Path.GetFileName(file)), overwrite: true);
        AtomicFile.TryDelete(staging);
    }

    private void Write(string file, IReadOnlyList<RowBatch> batches)
    {
        if (_format == "parquet")
        {
            ParquetFileWriter.Write(file, ArrowTypes.ToSchema(_schema), batches.Select(b => b.ToRecordBatch()), _parquet);
            return;
        }
        using var writer = new StreamWriter(file) { NewLine = "\n" };
        if (_format == "csv" && _header) writer.WriteLine(string.Join(_separator, _schema.FieldNames.Select(n => CsvText.Quote(n, _separator))));
        foreach (var b in batches)
            for (int r = 0; r < b.RowCount; r++)
                writer.WriteLine(_format == "csv"
                    ? string.Join(_separator, b.RowValues(r).Select(v => v is null ? "" : CsvText.Quote(ValueFormat.Plain(v), _separator)))
                    : JsonRow.Serialize(_schema, b, r));
    }
}
