using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames.Arrow;
using DeepLearningPipelines.Frames.IO.Parquet;
using DeepLearningPipelines.Frames.Plans;

namespace DeepLearningPipelines.Frames.IO;

/// <summary>
/// Reads Parquet files or folders into a DataFrame: one partition per part file, streamed a row group at a time,
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
        var parts = datasets.SelectMany(d => d.Files.Select((file, i) => (Dataset: d, Index: i, Source: RowIdentity.OfName(RowIdentity.SourceName(file, roots))))).ToList();
        var metrics = new DataSourceMetrics(parts.Count);
        var plan = new SourcePlan(schema, parts.Count, (p, _) => ReadPart(parts[p].Dataset, parts[p].Index, parts[p].Source, schema),
            $"FileScan parquet [{string.Join(", ", schema.FieldNames)}] {parts.Count} file(s)");
        return new DataFrame(session, plan, metrics);
    }

    private static IEnumerable<RowBatch> ReadPart(ParquetDataset dataset, int file, ulong source, StructType schema)
    {
        long row = 0;
        foreach (var record in dataset.ReadFile(file))
        {
            var batch = RowBatch.FromRecordBatch(record).WithSchema(schema);
            var keys = new ulong[batch.RowCount];
            for (int i = 0; i < keys.Length; i++) keys[i] = RowIdentity.OfRecord(source, row++);
            yield return batch.WithOrigins(RowOrigins.OfKeys(keys));
        }
    }
}
