using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames.Arrow;
using DeepLearningPipelines.Frames.IO.Parquet;
using DeepLearningPipelines.Frames.Plans;

namespace DeepLearningPipelines.Frames.IO;

/// <summary>
/// Reads Parquet files or folders into a DataFrame: one partition per part file (or, with fewer files than
/// cores, per range of a file's row groups), streamed a row group at a time,
/// Spark types from the files' Arrow schema and Hive partition columns appended. Each row is identified by its
/// file's path relative to the path given and its index in that file.
/// </summary>
internal static class ParquetSource
{
    public static DataFrame Read(DlpSession session, IReadOnlyList<string> paths)
    {
        if (paths.Count == 0) throw new ParamException("Read().Parquet needs at least one path.");
        var datasets = paths.Select(ParquetDataset.Open).ToList();
        var schema = ArrowTypes.FromSchema(datasets[0].Schema);
        for (int d = 1; d < datasets.Count; d++)
        {
            var other = ArrowTypes.FromSchema(datasets[d].Schema);
            if (!other.Equals(schema))
                throw new SchemaException($"Parquet inputs have different schemas: {paths[0]} has {schema.SimpleString} but {paths[d]} has {other.SimpleString}.");
        }
        var roots = paths.Select(Path.GetFullPath).ToList();
        var files = datasets.SelectMany(d => d.Files.Select((file, i) => (Dataset: d, Index: i, Path: file))).ToList();
        // With fewer files than cores, each file is cut into ranges of row groups so that every core has work.
        int rangesPerFile = Math.Max(1, (session.Parallelism + files.Count - 1) / files.Count);
        var splits = files.SelectMany(f => Ranges(f.Dataset, f.Index, f.Path, RowIdentity.OfName(RowIdentity.SourceName(f.Path, roots)), rangesPerFile)).ToList();
        var metrics = new DataSourceMetrics(splits.Count);
        var plan = new SourcePlan(schema, splits.Count, (p, _) => ReadSplit(splits[p], schema),
            $"FileScan parquet [{string.Join(", ", schema.FieldNames)}] {files.Count} file(s), {splits.Count} split(s)");
        return new DataFrame(session, plan, metrics);
    }

    /// <summary>Row groups <see cref="FirstGroup"/> to <see cref="EndGroup"/> (exclusive) of a file, whose first row is row <see cref="FirstRow"/> of the file.</summary>
    private sealed record Split(ParquetDataset Dataset, int File, int FirstGroup, int EndGroup, long FirstRow, ulong Source);

    private static IEnumerable<Split> Ranges(ParquetDataset dataset, int file, string path, ulong source, int ranges)
    {
        if (ranges == 1)
        {
            yield return new Split(dataset, file, 0, int.MaxValue, 0, source);
            yield break;
        }
        long[] groupRows;
        using (var reader = new ParquetFileReader(path)) groupRows = reader.RowGroupRows();
        ranges = Math.Max(1, Math.Min(ranges, groupRows.Length));
        long firstRow = 0;
        for (int r = 0; r < ranges; r++)
        {
            int first = (int)((long)r * groupRows.Length / ranges), end = (int)((long)(r + 1) * groupRows.Length / ranges);
            yield return new Split(dataset, file, first, end, firstRow, source);
            for (int g = first; g < end; g++) firstRow += groupRows[g];
        }
    }

    private static IEnumerable<RowBatch> ReadSplit(Split split, StructType schema)
    {
        long row = split.FirstRow;
        foreach (var record in split.Dataset.ReadFile(split.File, split.FirstGroup, split.EndGroup))
        {
            var batch = RowBatch.FromRecordBatch(record).WithSchema(schema);
            var keys = new ulong[batch.RowCount];
            for (int i = 0; i < keys.Length; i++) keys[i] = RowIdentity.OfRecord(split.Source, row++);
            yield return batch.WithOrigins(RowOrigins.OfKeys(keys));
        }
    }
}
