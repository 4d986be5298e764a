using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.Plans;

/// <summary>
/// Base of the wide operations (repartition, sort) and of caching: the input is computed once, in parallel, and
/// its batches are then served from memory.
/// </summary>
internal abstract class MaterializedPlan(Plan child) : Plan
{
    private readonly object _gate = new();
    private List<RowBatch>[]? _partitions;

    protected Plan Child { get; } = child;
    public override StructType Schema => Child.Schema;
    public override IEnumerable<Plan> Inputs => [Child];

    public override IEnumerable<RowBatch> Execute(int partition, PlanContext context) => Partitions(context)[partition];

    /// <summary>Turns the computed input partitions into this plan's partitions.</summary>
    protected abstract List<RowBatch>[] Arrange(List<RowBatch>[] input, PlanContext context);

    private List<RowBatch>[] Partitions(PlanContext context)
    {
        lock (_gate)
        {
            if (_partitions is not null) return _partitions;
            var input = LocalExecutor.Run(Child, context, (_, batches) => batches.ToList());
            _partitions = Arrange(input, context);
            return _partitions;
        }
    }

    /// <summary>Drops the cached batches; the next action recomputes them.</summary>
    public void Release()
    {
        lock (_gate) _partitions = null;
    }

    /// <summary>Splits rows, with their identities, into <paramref name="partitions"/> contiguous partitions of batches.</summary>
    protected static List<RowBatch>[] Chunk(StructType schema, IReadOnlyList<object?[]> rows, IReadOnlyList<ulong> keys, int partitions, int batchSize)
    {
        var result = new List<RowBatch>[partitions];
        for (int p = 0; p < partitions; p++)
        {
            result[p] = [];
            int start = (int)((long)rows.Count * p / partitions), end = (int)((long)rows.Count * (p + 1) / partitions);
            for (int s = start; s < end; s += batchSize)
            {
                int n = Math.Min(batchSize, end - s);
                var slice = new object?[n][];
                var sliceKeys = new ulong[n];
                for (int i = 0; i < n; i++)
                {
                    slice[i] = rows[s + i];
                    sliceKeys[i] = keys[s + i];
                }
                result[p].Add(RowBatch.FromRows(schema, slice).WithOrigins(RowOrigins.OfKeys(sliceKeys)));
            }
        }
        return result;
    }
}

/// <summary><c>Cache()</c>: keeps the computed partitions as they are.</summary>
internal sealed class CachePlan(Plan child) : MaterializedPlan(child)
{
    public override int NumPartitions => Child.NumPartitions;
    public override string Describe() => "InMemoryRelation";
    protected override List<RowBatch>[] Arrange(List<RowBatch>[] input, PlanContext context) => input;
}

/// <summary><c>Repartition(n)</c>: distributes rows round-robin over n partitions; rows keep their identities.</summary>
internal sealed class RepartitionPlan(Plan child, int partitions) : MaterializedPlan(child)
{
    public override int NumPartitions => partitions;
    public override string Describe() => $"Exchange RoundRobinPartitioning({partitions})";

    protected override List<RowBatch>[] Arrange(List<RowBatch>[] input, PlanContext context)
    {
        var buckets = Enumerable.Range(0, partitions).Select(_ => (Rows: new List<object?[]>(), Keys: new List<ulong>())).ToArray();
        long k = 0;
        foreach (var b in input.SelectMany(p => p))
        {
            var keys = RowIdentity.Of(b);
            for (int r = 0; r < b.RowCount; r++, k++)
            {
                buckets[k % partitions].Rows.Add(b.RowValues(r));
                buckets[k % partitions].Keys.Add(keys[r]);
            }
        }
        return buckets.Select(bucket => Chunk(Schema, bucket.Rows, bucket.Keys, 1, context.BatchSize)[0]).ToArray();
    }
}
