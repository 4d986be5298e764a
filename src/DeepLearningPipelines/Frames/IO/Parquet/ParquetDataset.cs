using Apache.Arrow;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.IO.Parquet;

/// <summary>
/// A Parquet file, or a folder of part files as Spark, DuckDB or this library write it, read as one stream of
/// Arrow record batches (a row group at a time). Hidden entries (names starting with <c>_</c> or <c>.</c>) are
/// skipped; Hive <c>col=value/</c> folders are discovered and appended as columns, typed as Spark infers them.
/// Every part file must have the same schema.
/// </summary>
public sealed class ParquetDataset
{
    private readonly string _root;
    private readonly List<(string File, List<(string Column, string? Value)> Partition)> _parts;
    private readonly Schema _dataSchema;
    private readonly List<Field> _partitionFields;

    private ParquetDataset(string root, List<(string, List<(string, string?)>)> parts, Schema dataSchema, List<Field> partitionFields)
    {
        _root = root;
        _parts = parts;
        _dataSchema = dataSchema;
        _partitionFields = partitionFields;
        Schema = new Schema(dataSchema.FieldsList.Concat(partitionFields), dataSchema.Metadata);
    }

    /// <summary>The data columns (as in the files) followed by the partition columns.</summary>
    public Schema Schema { get; }

    /// <summary>The part files, in the order they are read.</summary>
    public IReadOnlyList<string> Files => _parts.Select(p => p.File).ToList();

    /// <summary>Lists and checks the part files at <paramref name="path"/> (their footers only; no data is read).</summary>
    public static ParquetDataset Open(string path)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full)) return new ParquetDataset(full, [(full, [])], ReadSchema(full), []);
        if (!Directory.Exists(full)) throw new DlpException($"Parquet path {full} does not exist.");
        var files = Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(full, f).Split(Path.DirectorySeparatorChar).Any(s => s.StartsWith('_') || s.StartsWith('.')))
            .Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0) throw new DataFormatException($"Folder {full} holds no Parquet part files.");
        var parts = files.Select(f => (f, HivePartitioning.Parse(full, f))).ToList();
        var columns = parts[0].Item2.Select(p => p.Column).ToList();
        foreach (var (file, partition) in parts)
            if (!partition.Select(p => p.Column).SequenceEqual(columns))
                throw new DataFormatException($"Partition folders disagree under {full}: {files[0]} is under ({string.Join(", ", columns)}) but {file} is under ({string.Join(", ", partition.Select(p => p.Column))}).");
        var schema = ReadSchema(files[0]);
        foreach (var file in files.Skip(1))
        {
            var other = ReadSchema(file);
            if (!ParquetFileWriter.SameFields(schema, other))
                throw new SchemaException($"Parquet part files have different schemas: {files[0]} has {ParquetFileWriter.Describe(schema)} but {file} has {ParquetFileWriter.Describe(other)}.");
        }
        var partitionFields = new List<Field>();
        for (int c = 0; c < columns.Count; c++)
        {
            if (schema.GetFieldIndex(columns[c]) >= 0)
                throw new SchemaException($"Partition column '{columns[c]}' under {full} is also a column inside the part files.");
            partitionFields.Add(new Field(columns[c], HivePartitioning.InferType(parts.Select(p => p.Item2[c].Value)), nullable: true));
        }
        return new ParquetDataset(full, parts, schema, partitionFields);
    }

    /// <summary>
    /// Streams the rows: each part file a row group at a time, partition columns appended. <paramref name="columns"/>
    /// keeps only those columns, in schema order (null = all).
    /// </summary>
    public IEnumerable<RecordBatch> ReadBatches(IReadOnlyCollection<string>? columns = null)
    {
        if (columns is not null)
            foreach (var name in columns)
                if (Schema.GetFieldIndex(name) < 0)
                    throw new SchemaException($"Column '{name}' is not in Parquet data {_root}; its columns are {string.Join(", ", Schema.FieldsList.Select(f => f.Name))}.");
        var keepData = _dataSchema.FieldsList.Where(f => columns is null || columns.Contains(f.Name)).Select(f => f.Name).ToList();
        var keepPartitions = Enumerable.Range(0, _partitionFields.Count).Where(i => columns is null || columns.Contains(_partitionFields[i].Name)).ToList();
        var outSchema = new Schema(_dataSchema.FieldsList.Where(f => keepData.Contains(f.Name)).Concat(keepPartitions.Select(i => _partitionFields[i])), _dataSchema.Metadata);
        for (int part = 0; part < _parts.Count; part++)
            foreach (var batch in ReadPart(part, keepData, keepPartitions, outSchema)) yield return batch;
    }

    /// <summary>
    /// Streams row groups <paramref name="firstGroup"/> to <paramref name="endGroup"/> (exclusive) of part file
    /// <paramref name="part"/> (an index into <see cref="Files"/>) a row group at a time, partition columns appended.
    /// </summary>
    internal IEnumerable<RecordBatch> ReadFile(int part, int firstGroup, int endGroup) =>
        ReadPart(part, _dataSchema.FieldsList.Select(f => f.Name).ToList(), Enumerable.Range(0, _partitionFields.Count).ToList(), Schema, firstGroup, endGroup);

    private IEnumerable<RecordBatch> ReadPart(int part, List<string> keepData, List<int> keepPartitions, Schema outSchema, int firstGroup = 0, int endGroup = int.MaxValue)
    {
        var (file, partition) = _parts[part];
        // With no data column wanted, the first one is read for its row count and dropped.
        var read = keepData.Count > 0 ? keepData : [_dataSchema.FieldsList[0].Name];
        using var reader = new ParquetFileReader(file);
        foreach (var batch in reader.ReadBatches(read, firstGroup, Math.Min(endGroup, reader.RowGroupCount)))
        {
            var arrays = new List<IArrowArray>();
            if (keepData.Count > 0) for (int i = 0; i < batch.ColumnCount; i++) arrays.Add(batch.Column(i));
            foreach (int p in keepPartitions) arrays.Add(HivePartitioning.Constant(_partitionFields[p].DataType, partition[p].Value, batch.Length));
            yield return new RecordBatch(outSchema, arrays, batch.Length);
        }
    }

    private static Schema ReadSchema(string file)
    {
        using var reader = new ParquetFileReader(file);
        return reader.Schema;
    }
}
