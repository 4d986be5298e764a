using DeepLearningPipelines.Frames.Arrow;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.Plans;

/// <summary>A leaf: partitions produced by a reader or from in-memory rows.</summary>
internal sealed class SourcePlan(StructType schema, int numPartitions, Func<int, PlanContext, IEnumerable<RowBatch>> produce, string description) : Plan
{
    public override StructType Schema => schema;
    public override int NumPartitions => numPartitions;
    public override IEnumerable<RowBatch> Execute(int partition, PlanContext context) => produce(partition, context);
    public override string Describe() => description;

    /// <summary>The bytes each partition reads, when known before running (file sources): processes share partitions by them.</summary>
    public IReadOnlyList<long>? PartitionBytes { get; init; }

    /// <summary>The number of rows, when known before running (in-memory rows).</summary>
    public long? RowCount { get; private init; }

    /// <summary>A source over rows held in memory, split into <paramref name="partitions"/> contiguous slices; each row is identified by its index.</summary>
    public static SourcePlan FromRows(StructType schema, IReadOnlyList<object?[]> rows, int partitions)
    {
        partitions = Math.Max(1, Math.Min(partitions, Math.Max(1, rows.Count)));
        return new SourcePlan(schema, partitions, (p, ctx) => Slice(schema, rows, partitions, p, ctx.BatchSize), $"LocalRelation [{string.Join(", ", schema.FieldNames)}], {rows.Count} rows") { RowCount = rows.Count };
    }

    /// <summary>
    /// A <c>long</c> column counting from <paramref name="start"/> to <paramref name="end"/> (exclusive), split into
    /// <paramref name="partitions"/> contiguous slices and generated batch by batch: no row is held before it is read.
    /// Each row is identified by its index, as rows of <see cref="FromRows"/> are.
    /// </summary>
    public static SourcePlan Range(StructType schema, long start, long end, int partitions)
    {
        long count = Math.Max(0, end - start);
        partitions = (int)Math.Max(1, Math.Min(partitions, Math.Max(1, count)));
        return new SourcePlan(schema, partitions, (p, ctx) => Count(schema, start, start + count * p / partitions, start + count * (p + 1) / partitions, ctx.BatchSize),
            $"Range ({start}, {end}, splits={partitions})");
    }

    private static IEnumerable<RowBatch> Count(StructType schema, long start, long from, long to, int batchSize)
    {
        for (long s = from; s < to; s += batchSize)
        {
            var ids = new object?[(int)Math.Min(batchSize, to - s)];
            var keys = new ulong[ids.Length];
            for (int i = 0; i < ids.Length; i++)
            {
                ids[i] = s + i;
                keys[i] = RowIdentity.OfIndex(s + i - start);
            }
            yield return new RowBatch(schema, [ColumnBuilder.Build(DataTypes.Long, "id", ids)], ids.Length).WithOrigins(RowOrigins.OfKeys(keys));
        }
    }

    private static IEnumerable<RowBatch> Slice(StructType schema, IReadOnlyList<object?[]> rows, int partitions, int p, int batchSize)
    {
        long start = (long)rows.Count * p / partitions, end = (long)rows.Count * (p + 1) / partitions;
        for (long s = start; s < end; s += batchSize)
        {
            int n = (int)Math.Min(batchSize, end - s);
            var slice = new object?[n][];
            var keys = new ulong[n];
            for (int i = 0; i < n; i++)
            {
                slice[i] = rows[(int)(s + i)];
                keys[i] = RowIdentity.OfIndex(s + i);
            }
            yield return RowBatch.FromRows(schema, slice).WithOrigins(RowOrigins.OfKeys(keys));
        }
    }
}
