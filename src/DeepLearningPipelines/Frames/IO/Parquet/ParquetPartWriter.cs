using Apache.Arrow;

namespace DeepLearningPipelines.Frames.IO.Parquet;

/// <summary>
/// Writes one task's batches as part files under a folder: a single <c>part-NNNNN-tag-c000.codec.parquet</c>, or
/// with partition columns one such file per distinct value combination under its <c>col=value/</c> folders, the
/// partition columns left out of the files as Spark does.
/// </summary>
internal sealed class ParquetPartWriter : IDisposable
{
    private readonly string _directory, _fileName;
    private readonly ParquetWriteOptions _options;
    private readonly int[] _partitionIndices, _dataIndices;
    private readonly Schema _schema, _dataSchema;
    private readonly Dictionary<string, ParquetFileWriter> _writers = new(StringComparer.Ordinal);

    public ParquetPartWriter(string directory, int part, string tag, Schema schema, IReadOnlyList<string> partitionBy, ParquetWriteOptions options)
    {
        _directory = directory;
        _options = options;
        _schema = schema;
        _fileName = $"part-{part:D5}-{tag}.c000{options.FileInfix}.parquet";
        _partitionIndices = ParquetDatasetWriter.PartitionIndices(schema, partitionBy);
        _dataIndices = Enumerable.Range(0, schema.FieldsList.Count).Except(_partitionIndices).ToArray();
        _dataSchema = new Schema(_dataIndices.Select(i => schema.FieldsList[i]), schema.Metadata);
    }

    /// <summary>Writes every batch, then closes all files (they are complete only once this returns).</summary>
    public void WriteAll(IEnumerable<RecordBatch> batches)
    {
        if (_partitionIndices.Length == 0) Writer("");
        foreach (var batch in batches) Write(batch);
        foreach (var writer in _writers.Values) writer.Close();
    }

    private void Write(RecordBatch batch)
    {
        if (!ParquetFileWriter.SameFields(batch.Schema, _schema))
            throw new Core.SchemaException($"Batch schema {ParquetFileWriter.Describe(batch.Schema)} does not match the schema {ParquetFileWriter.Describe(_schema)} being written to {_directory}.");
        if (_partitionIndices.Length == 0)
        {
            Writer("").Write(batch);
            return;
        }
        int start = 0;
        string? runKey = null;
        for (int row = 0; row <= batch.Length; row++)
        {
            string? key = row < batch.Length ? Key(batch, row) : null;
            if (row > 0 && key != runKey)
            {
                Writer(runKey!).Write(Project(batch.Slice(start, row - start)));
                start = row;
            }
            runKey = key;
        }
    }

    private string Key(RecordBatch batch, int row) =>
        string.Join('/', _partitionIndices.Select(i => HivePartitioning.Segment(_schema.FieldsList[i].Name, batch.Column(i), row)));

    private RecordBatch Project(RecordBatch slice) =>
        new(_dataSchema, _dataIndices.Select(slice.Column), slice.Length);

    private ParquetFileWriter Writer(string key)
    {
        if (_writers.TryGetValue(key, out var writer)) return writer;
        var folder = key.Length == 0 ? _directory : Path.Combine(_directory, key.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(folder);
        writer = new ParquetFileWriter(Path.Combine(folder, _fileName), _dataSchema, _options);
        _writers.Add(key, writer);
        return writer;
    }

    public void Dispose()
    {
        foreach (var writer in _writers.Values) writer.Dispose();
    }
}
