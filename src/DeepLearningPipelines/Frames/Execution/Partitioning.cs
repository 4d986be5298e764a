using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames.Expressions;

namespace DeepLearningPipelines.Frames.Execution;

/// <summary>
/// How an exchange distributes rows over its output partitions. Routing is two-phase so that it runs the same on
/// one process or many: each input partition is first summarised (range bounds need the keys' distribution), then,
/// knowing every summary, each row is routed to its target partition.
/// </summary>
internal abstract class Partitioning
{
    public abstract int NumPartitions { get; }

    /// <summary>The Spark name shown by <c>Explain()</c>, e.g. <c>hashpartitioning(k, 4)</c>.</summary>
    public abstract string Describe();

    /// <summary>What routing needs to know about one input partition, as batches (so that it can travel between processes); null when nothing.</summary>
    public virtual IReadOnlyList<RowBatch>? Summarize(IReadOnlyList<RowBatch> partition, StructType schema) => null;

    /// <summary>The router of rows, given the summaries of all input partitions in partition order.</summary>
    public abstract IRowRouter Router(IReadOnlyList<IReadOnlyList<RowBatch>?> summaries, StructType schema);
}

/// <summary>Gives each row of a batch its target partition.</summary>
internal interface IRowRouter
{
    /// <summary>Fills <paramref name="targets"/>; <paramref name="firstRow"/> is the batch's first row index within input partition <paramref name="inputPartition"/>.</summary>
    void Route(RowBatch batch, int inputPartition, long firstRow, int[] targets);
}

/// <summary>Everything into one partition (global aggregates, <c>Coalesce(1)</c>).</summary>
internal sealed class SinglePartitioning : Partitioning
{
    public override int NumPartitions => 1;
    public override string Describe() => "SinglePartition";
    public override IRowRouter Router(IReadOnlyList<IReadOnlyList<RowBatch>?> summaries, StructType schema) => new Fixed();

    private sealed class Fixed : IRowRouter
    {
        public void Route(RowBatch batch, int inputPartition, long firstRow, int[] targets) => Array.Clear(targets);
    }
}

/// <summary>Rows dealt in turn over n partitions, each input partition starting one further along (<c>Repartition(n)</c>).</summary>
internal sealed class RoundRobinPartitioning(int partitions) : Partitioning
{
    public override int NumPartitions => partitions;
    public override string Describe() => $"RoundRobinPartitioning({partitions})";
    public override IRowRouter Router(IReadOnlyList<IReadOnlyList<RowBatch>?> summaries, StructType schema) => new Dealer(partitions);

    private sealed class Dealer(int n) : IRowRouter
    {
        public void Route(RowBatch batch, int inputPartition, long firstRow, int[] targets)
        {
            for (int r = 0; r < batch.RowCount; r++) targets[r] = (int)((inputPartition + firstRow + r) % n);
        }
    }
}

/// <summary>
/// Rows with equal keys go to the same partition, by a hash that is the same in every process and for every
/// integral (or floating) width, so two inputs partitioned on the same keys line up partition by partition (joins).
/// </summary>
internal sealed class HashPartitioning(Expr[] keys, int partitions) : Partitioning
{
    public Expr[] Keys { get; } = keys;
    public override int NumPartitions => partitions;
    public override string Describe() => $"hashpartitioning({string.Join(", ", Keys.Select(k => k.Name))}, {partitions})";

    public override IRowRouter Router(IReadOnlyList<IReadOnlyList<RowBatch>?> summaries, StructType schema) =>
        new Hasher(Keys.Select(k => k.BindBoxed(schema)).ToArray(), partitions);

    private sealed class Hasher(Func<RowBatch, object?[]>[] keys, int n) : IRowRouter
    {
        public void Route(RowBatch batch, int inputPartition, long firstRow, int[] targets)
        {
            var cols = keys.Select(k => k(batch)).ToArray();
            for (int r = 0; r < batch.RowCount; r++)
            {
                ulong h = 17;
                foreach (var c in cols) h = StableHash.Combine(h, StableHash.Of(c[r]));
                targets[r] = (int)(h % (ulong)n);
            }
        }
    }
}

/// <summary>
/// Consecutive key ranges, one per partition, in sort order (<c>OrderBy</c>): every key of partition i sorts before
/// or equal to every key of partition i + 1, and equal keys share a partition. Rows within a partition keep their input order.
/// </summary>
internal sealed class RangePartitioning(SortOrderExpr[] orders, int partitions) : Partitioning
{
    public SortOrderExpr[] Orders { get; } = orders;
    public override int NumPartitions => partitions;
    public override string Describe() => $"rangepartitioning({string.Join(", ", Orders.Select(o => o.Name))}, {partitions})";

    /// <summary>The sort keys of every row of the partition, as batches of key columns.</summary>
    public override IReadOnlyList<RowBatch>? Summarize(IReadOnlyList<RowBatch> partition, StructType schema)
    {
        var keySchema = new StructType(Orders.Select((o, k) => new StructField($"k{k}", o.ResolveType(schema))));
        var evals = Orders.Select(o => o.Bind(schema)).ToArray();
        return partition.Select(b => new RowBatch(keySchema, evals.Select(e => e(b)).ToArray(), b.RowCount)).ToList();
    }

    public override IRowRouter Router(IReadOnlyList<IReadOnlyList<RowBatch>?> summaries, StructType schema)
    {
        var comparer = new SortKeyComparer(Orders);
        var all = new List<object?[]>();
        foreach (var batch in summaries.SelectMany(s => s!))
        {
            var cols = Enumerable.Range(0, batch.Schema.Count).Select(batch.ColumnValues).ToArray();
            for (int r = 0; r < batch.RowCount; r++) all.Add(cols.Select(c => c[r]).ToArray());
        }
        all.Sort(comparer);
        var bounds = new object?[all.Count == 0 ? 0 : partitions - 1][];
        for (int i = 0; i < bounds.Length; i++) bounds[i] = all[(int)Math.Max(0, (long)all.Count * (i + 1) / partitions - 1)];
        return new Ranger(Orders.Select(o => o.BindBoxed(schema)).ToArray(), bounds, comparer);
    }

    private sealed class Ranger(Func<RowBatch, object?[]>[] evals, object?[][] bounds, SortKeyComparer comparer) : IRowRouter
    {
        public void Route(RowBatch batch, int inputPartition, long firstRow, int[] targets)
        {
            var cols = evals.Select(e => e(batch)).ToArray();
            var key = new object?[cols.Length];
            for (int r = 0; r < batch.RowCount; r++)
            {
                for (int k = 0; k < key.Length; k++) key[k] = cols[k][r];
                int t = 0;
                while (t < bounds.Length && comparer.Compare(key, bounds[t]) > 0) t++;
                targets[r] = t;
            }
        }
    }
}

/// <summary>Orders key tuples by sort orders: each ascending or descending, nulls where the order puts them (Spark: first when ascending, last when descending).</summary>
internal sealed class SortKeyComparer(SortOrderExpr[] orders) : IComparer<object?[]>
{
    public int Compare(object?[]? x, object?[]? y)
    {
        for (int k = 0; k < orders.Length; k++)
        {
            object? a = x![k], b = y![k];
            if (a is null || b is null)
            {
                if (a is null && b is null) continue;
                return (a is null) == orders[k].NullsFirst ? -1 : 1;
            }
            int c = ValueComparer.Instance.Compare(a, b);
            if (c != 0) return orders[k].Ascending ? c : -c;
        }
        return 0;
    }
}
