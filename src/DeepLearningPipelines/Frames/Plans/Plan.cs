using DeepLearningPipelines.Core;

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
}

/// <summary>What a running plan may need from its session.</summary>
internal sealed record PlanContext(int Parallelism, int BatchSize, CancellationToken Cancellation);
