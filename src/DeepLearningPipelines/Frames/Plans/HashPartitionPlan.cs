using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames.Expressions;
using DeepLearningPipelines.Frames.Joins;

namespace DeepLearningPipelines.Frames.Plans;

/// <summary>
/// The shuffle exchange: every input partition is read once, in parallel, and its rows are split by the hash of
/// key expressions into <c>buckets</c> output partitions, kept in memory until released. Rows with equal keys land
/// in the same bucket, in input partition order; with no keys every row lands in the same bucket.
/// </summary>
internal sealed class HashPartitionPlan(Plan child, Expr[] keys, int buckets) : Plan
{
    private readonly object _gate = new();
    private List<RowBatch>[]? _buckets;

    public override StructType Schema => child.Schema;
    public override int NumPartitions => buckets;
    public override IEnumerable<Plan> Inputs => [child];
    public override string Describe() => $"Exchange hashpartitioning({string.Join(", ", keys.Select(k => k.Name))}, {buckets})";

    public override IEnumerable<RowBatch> Execute(int partition, PlanContext context) => Buckets(context)[partition];

    private List<RowBatch>[] Buckets(PlanContext context)
    {
        lock (_gate)
        {
            if (_buckets is not null) return _buckets;
            var evals = keys.Select(k => k.Bind(child.Schema)).ToArray();
            var split = LocalExecutor.Run(child, context, (_, batches) => Split(batches, evals));
            _buckets = Enumerable.Range(0, buckets).Select(b => split.SelectMany(s => s[b]).ToList()).ToArray();
            return _buckets;
        }
    }

    private List<RowBatch>[] Split(IEnumerable<RowBatch> batches, Func<RowBatch, object?[]>[] evals)
    {
        var result = Enumerable.Range(0, buckets).Select(_ => new List<RowBatch>()).ToArray();
        foreach (var batch in batches)
        {
            var keyColumns = evals.Select(e => e(batch)).ToArray();
            var rows = new List<int>?[buckets];
            for (int r = 0; r < batch.RowCount; r++)
            {
                int b = (int)((uint)KeyTuple.Hash(keyColumns, r) % (uint)buckets);
                (rows[b] ??= []).Add(r);
            }
            for (int b = 0; b < buckets; b++)
                if (rows[b] is { } list) result[b].Add(list.Count == batch.RowCount ? batch : batch.Take(list));
        }
        return result;
    }
}
