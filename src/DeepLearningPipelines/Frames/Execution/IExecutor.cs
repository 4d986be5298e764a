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

    /// <summary>The number of participants (processes) that run the job: 1 for a local executor.</summary>
    int Participants { get; }

    /// <summary>This participant's index, 0 to <see cref="Participants"/> − 1; participant 0 prints and commits.</summary>
    int Index { get; }

    /// <summary>
    /// Applies <paramref name="perPartition"/> to the batch stream of every partition of <paramref name="plan"/> and
    /// returns the results of all partitions, in partition order (an SPMD executor gathers them to every rank).
    /// </summary>
    T[] Run<T>(Plan plan, PlanContext context, Func<int, IEnumerable<RowBatch>, T> perPartition);

    /// <summary>
    /// Applies <paramref name="perPartition"/> to this participant's own partitions of <paramref name="plan"/> only and
    /// returns their results in partition order; nothing crosses participants (the map side of Spark's
    /// <c>treeAggregate</c>: combine the results locally, then <see cref="AllreduceSum{T}"/>). A failure on any
    /// participant fails the call on every participant.
    /// </summary>
    T[] RunOwn<T>(Plan plan, PlanContext context, Func<int, IEnumerable<RowBatch>, T> perPartition);

    /// <summary>
    /// Sums <paramref name="values"/> element-wise over the participants, in place: every participant ends with the
    /// total (a no-op for one participant). Every participant calls it with the same length.
    /// </summary>
    void AllreduceSum<T>(Span<T> values) where T : unmanaged;

    /// <summary>
    /// Runs <paramref name="work"/> here, then fails every participant when it failed on any (the failing one with its
    /// own exception, the others with one naming it), so that checks on a participant's own data never leave the others
    /// waiting in a later collective.
    /// </summary>
    void Agree(Action work);

    /// <summary>Streams the batches of one partition to the caller (<c>ToLocalIterator</c>).</summary>
    IEnumerable<RowBatch> Stream(Plan plan, int partition, PlanContext context);

    /// <summary>
    /// Redistributes the rows of the exchange's child as its partitioning says and returns the batches of each output
    /// partition (an SPMD executor fills only the partitions its participant reads).
    /// </summary>
    IReadOnlyList<RowBatch>[] Exchange(ExchangePlan exchange, PlanContext context);

    /// <summary>
    /// A folder write shared by the participants: <paramref name="commit"/> (the single-process write, which stages a
    /// folder, calls its argument with it, then commits) runs on participant 0; <paramref name="fill"/> writes this
    /// participant's part files into the staged folder and runs on every participant. The other participants start
    /// filling only once participant 0 staged the folder (so staging may clear or restart it), participant 0 commits
    /// only once every participant's fill returned, and every participant returns after the commit (or fails with it).
    /// </summary>
    void Commit(Action<Action<string>> commit, Action<string> fill);
}
