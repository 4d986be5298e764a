using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Frames.IO;
using DeepLearningPipelines.Frames.Plans;

namespace DeepLearningPipelines.Vision.Sources;

/// <summary>
/// Builds a DataFrame with one row per file, produced by a row function over the file's bytes. Each row is identified
/// by its file's path relative to the file or folder it was listed from (the <c>roots</c> given to <see cref="Create"/>).
/// </summary>
internal static class FileFrames
{
    public static DataFrame Create(DlpSession session, StructType schema, IReadOnlyList<string> files, IReadOnlyList<string> roots, int partitions,
        DataSourceMetrics metrics, string description, Func<string, byte[], object?[]> toRow, bool dropInvalid, int batchSize)
    {
        var fullRoots = roots.Select(Path.GetFullPath).ToList();
        var plan = new SourcePlan(schema, partitions, (p, _) => Read(schema, files, fullRoots, partitions, p, metrics, toRow, dropInvalid, batchSize), description)
        {
            PartitionBytes = session.RankCount > 1 ? PartitionBytes(files, partitions) : null,
        };
        return new DataFrame(session, plan, metrics);
    }

    /// <summary>The bytes of each partition's files (an unreadable file counts as empty), by which ranks share the partitions.</summary>
    private static long[] PartitionBytes(IReadOnlyList<string> files, int partitions)
    {
        var bytes = new long[partitions];
        for (int p = 0; p < partitions; p++)
            for (int i = (int)((long)files.Count * p / partitions); i < (long)files.Count * (p + 1) / partitions; i++)
                bytes[p] += new FileInfo(files[i]) is { Exists: true } f ? f.Length : 0;
        return bytes;
    }

    private static IEnumerable<RowBatch> Read(StructType schema, IReadOnlyList<string> files, IReadOnlyList<string> roots, int partitions, int p,
        DataSourceMetrics metrics, Func<string, byte[], object?[]> toRow, bool dropInvalid, int batchSize)
    {
        int start = (int)((long)files.Count * p / partitions), end = (int)((long)files.Count * (p + 1) / partitions);
        var rows = new List<object?[]>(batchSize);
        var keys = new List<ulong>(batchSize);
        long dropped = 0;
        string? first = null;
        for (int i = start; i < end; i++)
        {
            object?[] row;
            try { row = toRow(files[i], File.ReadAllBytes(files[i])); }
            catch (Exception e) when (dropInvalid && e is DataFormatException or IOException or UnauthorizedAccessException)
            {
                dropped++;
                first ??= e.Message;
                continue;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new DataFormatException($"Cannot read {files[i]}: {e.Message}", e);
            }
            rows.Add(row);
            keys.Add(RowIdentity.OfRecord(RowIdentity.OfName(RowIdentity.SourceName(files[i], roots)), 0));
            if (rows.Count == batchSize)
            {
                yield return RowBatch.FromRows(schema, rows).WithOrigins(RowOrigins.OfKeys(keys.ToArray()));
                rows = new List<object?[]>(batchSize);
                keys.Clear();
            }
        }
        if (rows.Count > 0) yield return RowBatch.FromRows(schema, rows).WithOrigins(RowOrigins.OfKeys(keys.ToArray()));
        metrics.Record(p, dropped, dropped, first);
    }
}
