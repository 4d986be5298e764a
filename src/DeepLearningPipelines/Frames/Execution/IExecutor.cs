using DeepLearningPipelines.Frames.Plans;

namespace DeepLearningPipelines.Frames.Execution;

/// <summary>
/// Runs physical plans for one session. Every DataFrame action goes through it. It is written so that an SPMD
/// executor (one process per rank) can implement it: each call is made by every participant, with the same plan.
/// </summary>
internal interface IExecutor
{
    /// <summary>How many partitions run at once on this participant.</summary>
    int Parallelism { get; }

    /// <summary>
    /// Applies <paramref name="perPartition"/> to the batch stream of every partition of <paramref name="plan"/> and
    /// returns the results of all partitions, in partition order (an SPMD executor gathers them to every rank).
    /// </summary>
    T[] Run<T>(Plan plan, PlanContext context, Func<int, IEnumerable<RowBatch>, T> perPartition);

    /// <summary>Streams the batches of one partition to the caller (<c>ToLocalIterator</c>).</summary>
    IEnumerable<RowBatch> Stream(Plan plan, int partition, PlanContext context);

    /// <summary>
    /// Redistributes the rows of <paramref name="input"/> as <paramref name="partitioning"/> says and returns the batches
    /// of each output partition (an SPMD executor fills only the partitions its rank holds).
    /// </summary>
    IReadOnlyList<RowBatch>[] Exchange(Plan input, Partitioning partitioning, PlanContext context);
}
