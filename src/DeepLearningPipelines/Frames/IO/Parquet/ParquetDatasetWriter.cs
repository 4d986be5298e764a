using Apache.Arrow;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.IO.Parquet;

/// <summary>
/// Writes record batches as a Spark-style Parquet folder: part files (optionally under Hive <c>col=value/</c>
/// folders) plus <c>_SUCCESS</c>. New output is built in a hidden temporary folder beside the target and moved into
/// place only when complete, so a failed or killed write never leaves a half-written target; appends stage their
/// files the same way and move in only finished files.
/// </summary>
public static class ParquetDatasetWriter
{
    /// <summary>Writes <paramref name="batches"/> (all with <paramref name="schema"/>) to the folder <paramref name="path"/>.</summary>
    public static void Write(string path, Schema schema, IEnumerable<RecordBatch> batches, SaveMode mode = SaveMode.ErrorIfExists,
        ParquetWriteOptions? options = null, IReadOnlyList<string>? partitionBy = null)
    {
        options ??= new ParquetWriteOptions();
        options.Validate();
        partitionBy ??= [];
        PartitionIndices(schema, partitionBy);
        FolderCommit.Run(path, mode, folder =>
        {
            using var part = new ParquetPartWriter(folder, 0, Guid.NewGuid().ToString("N"), schema, partitionBy, options);
            part.WriteAll(batches);
        });
    }

    /// <summary>Positions of the partition columns, refusing unknown names, repeats, and partitioning by every column.</summary>
    internal static int[] PartitionIndices(Schema schema, IReadOnlyList<string> partitionBy)
    {
        var indices = new int[partitionBy.Count];
        for (int i = 0; i < partitionBy.Count; i++)
        {
            indices[i] = schema.GetFieldIndex(partitionBy[i]);
            if (indices[i] < 0)
                throw new SchemaException($"Partition column '{partitionBy[i]}' is not in the schema; columns are {string.Join(", ", schema.FieldsList.Select(f => f.Name))}.");
        }
        if (indices.Distinct().Count() != indices.Length) throw new SchemaException($"Partition columns {string.Join(", ", partitionBy)} repeat a column.");
        if (indices.Length > 0 && indices.Length == schema.FieldsList.Count)
            throw new SchemaException("Cannot partition by every column: at least one column must remain in the data files.");
        return indices;
    }
}
