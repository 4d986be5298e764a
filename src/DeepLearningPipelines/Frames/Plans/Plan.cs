using System.Collections.Concurrent;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames.Execution;

namespace DeepLearningPipelines.Frames.Plans;

/// <summary>A node of a DataFrame's logical plan; each partition is produced lazily as a stream of batches.</summary>
internal abstract class Plan
{
    public abstract StructType Schema { get; }
    public abstract int NumPartitions { get; }

    /// <summary>Streams the batches of one partition.</summary>
    public abstract IEnumerable<RowBatch> Execute(int partition, PlanContext context);

    /// <summary>A one-line description for <c>Explain()</c>.</summary>
    public abstract string Describe();

    public virtual IEnumerable<Plan> Inputs => [];

    /// <summary>True when partition i reads only partition i of each input (narrow, partition-wise plans).</summary>
    protected virtual bool PartitionWise => false;

    /// <summary>
    /// The input partitions that partition <paramref name="partition"/> reads (a distributed executor ships each
    /// process only the exchanged partitions it will read); by default, every partition of every input.
    /// </summary>
    public virtual IEnumerable<(Plan Input, int Partition)> Reads(int partition) => PartitionWise
        ? Inputs.Where(i => partition < i.NumPartitions).Select(i => (i, partition))
        : Inputs.SelectMany(i => Enumerable.Range(0, i.NumPartitions).Select(p => (i, p)));

    /// <summary>
    /// Computes, before any partition runs, what this plan gathers across partitions (exchanges, broadcast sides,
    /// cached plans), inputs first, in the same order in every process: an SPMD executor calls it so that its
    /// collectives never start from inside a partition.
    /// </summary>
    public virtual void Prepare(PlanContext context)
    {
        foreach (var input in Inputs) input.Prepare(context);
    }
}

/// <summary>
/// What a running plan may need from its session, for the duration of one action: the executor, the session's
/// plan cache, and the exchanges materialised so far (dropped with the context when the action ends).
/// </summary>
internal sealed class PlanContext(IExecutor executor, PlanCache cache, int batchSize, CancellationToken cancellation)
{
    private readonly ConcurrentDictionary<ExchangePlan, Lazy<IReadOnlyList<RowBatch>[]>> _exchanged = new();
    private readonly ConcurrentDictionary<Plan, Lazy<object>> _memos = new();

    public IExecutor Executor { get; } = executor;
    public PlanCache Cache { get; } = cache;
    public int BatchSize { get; } = batchSize;
    public CancellationToken Cancellation { get; } = cancellation;

    /// <summary>What <paramref name="create"/> makes for <paramref name="owner"/>, made once in this action (broadcast sides).</summary>
    public T Memo<T>(Plan owner, Func<T> create) where T : class =>
        (T)_memos.GetOrAdd(owner, _ => new Lazy<object>(create)).Value;

    /// <summary>The output partitions of <paramref name="exchange"/>, computed by the executor on first use in this action.</summary>
    public IReadOnlyList<RowBatch>[] Exchanged(ExchangePlan exchange) =>
        _exchanged.GetOrAdd(exchange, e => new Lazy<IReadOnlyList<RowBatch>[]>(() => Executor.Exchange(e, this))).Value;
}
