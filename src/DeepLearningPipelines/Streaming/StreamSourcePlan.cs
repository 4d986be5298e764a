using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Frames.Plans;

namespace DeepLearningPipelines.Streaming;

/// <summary>
/// The leaf of a streaming DataFrame's plan. It holds no data: a running query binds it, for the duration of one
/// micro-batch, to the DataFrame over that batch's files, and every plan built on top of it (projections, model
/// transforms, joins with static data…) then runs as an ordinary batch plan. The binding flows with the micro-batch's
/// execution context (into the executor's parallel partitions), so one streaming DataFrame may back several queries.
/// The leaf always has as many partitions as the session's parallelism; partition p reads the bound DataFrame's
/// partitions p, p + P, p + 2P…, so plans planned before any batch existed stay valid for every batch.
/// </summary>
internal sealed class StreamSourcePlan(FileStreamSource source) : Plan
{
    private static readonly AsyncLocal<IReadOnlyDictionary<StreamSourcePlan, BoundBatch>?> Bindings = new();

    public FileStreamSource Source { get; } = source;

    public override StructType Schema => Source.Schema;
    public override int NumPartitions => Source.Session.Parallelism;
    public override string Describe() => $"StreamingRelation {Source.Description}";

    public override IEnumerable<RowBatch> Execute(int partition, PlanContext context)
    {
        if (Bindings.Value is not { } bound || !bound.TryGetValue(this, out var batch))
            throw new DlpException($"Queries with streaming sources must be executed with WriteStream().Start(): {Source.Description} has no data outside a " +
                                   "micro-batch. Use ForeachBatch to run batch actions (Count, Collect, Write) on each micro-batch.");
        var plan = batch.Frame.Plan;
        for (int p = partition; p < plan.NumPartitions; p += NumPartitions)
            foreach (var b in plan.Execute(p, context))
            {
                batch.AddRows(b.RowCount);
                yield return b;
            }
    }

    /// <summary>Binds source leaves to their micro-batch DataFrames on this execution context until disposed.</summary>
    public static IDisposable Bind(IReadOnlyDictionary<StreamSourcePlan, BoundBatch> batches)
    {
        var previous = Bindings.Value;
        Bindings.Value = batches;
        return new Restore(previous);
    }

    private sealed class Restore(IReadOnlyDictionary<StreamSourcePlan, BoundBatch>? previous) : IDisposable
    {
        public void Dispose() => Bindings.Value = previous;
    }

    /// <summary>The source leaves under <paramref name="plan"/>, each once, in the order met.</summary>
    public static List<StreamSourcePlan> In(Plan plan)
    {
        var found = new List<StreamSourcePlan>();
        void Walk(Plan p)
        {
            if (p is StreamSourcePlan s && !found.Contains(s)) found.Add(s);
            foreach (var c in p.Inputs) Walk(c);
        }
        Walk(plan);
        return found;
    }
}

/// <summary>One source's data in one micro-batch: the DataFrame over its files, and the rows read from it so far.</summary>
internal sealed class BoundBatch(DataFrame frame, Func<long> dropped)
{
    private long _rows;

    public DataFrame Frame { get; } = frame;
    public long Rows => Interlocked.Read(ref _rows);

    /// <summary>Input records the reader dropped (corrupt images), known once the batch ran.</summary>
    public long Dropped => dropped();

    public void AddRows(int count) => Interlocked.Add(ref _rows, count);
}
