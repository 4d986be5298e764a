using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames.Plans;

namespace DeepLearningPipelines.Frames.Execution;

/// <summary>Runs a plan's partitions in parallel on the local cores (Spark's <c>local[N]</c>).</summary>
internal sealed class LocalExecutor(int parallelism) : IExecutor
{
    public int Parallelism { get; } = Math.Max(1, parallelism);
    public int Participants => 1;
    public int Index => 0;

    public T[] Run<T>(Plan plan, PlanContext context, Func<int, IEnumerable<RowBatch>, T> perPartition)
    {
        var results = new T[plan.NumPartitions];
        ParallelLoops.For(plan.NumPartitions, p => results[p] = perPartition(p, plan.Execute(p, context)), Parallelism, context.Cancellation);
        return results;
    }

    public T[] RunOwn<T>(Plan plan, PlanContext context, Func<int, IEnumerable<RowBatch>, T> perPartition) => Run(plan, context, perPartition);

    public void AllreduceSum<T>(Span<T> values) where T : unmanaged { }

    public void Agree(Action work) => work();

    public IEnumerable<RowBatch> Stream(Plan plan, int partition, PlanContext context) => plan.Execute(partition, context);

    public IReadOnlyList<RowBatch>[] Exchange(ExchangePlan exchange, PlanContext context)
    {
        var (input, partitioning) = (exchange.Child, exchange.Partitioning);
        var partitions = Run(input, context, (_, batches) => batches.ToList());
        var router = partitioning.Router(partitions.Select(p => partitioning.Summarize(p, input.Schema)).ToArray(), input.Schema);
        var pieces = new List<RowBatch>[partitions.Length][];
        ParallelLoops.For(partitions.Length, p => pieces[p] = ExchangeRouting.Split(partitions[p], p, router, partitioning.NumPartitions), Parallelism, context.Cancellation);
        var output = new IReadOnlyList<RowBatch>[partitioning.NumPartitions];
        for (int t = 0; t < output.Length; t++) output[t] = pieces.SelectMany(piece => piece[t]).ToList();
        return output;
    }

    public void Commit(Action<Action<string>> commit, Action<string> fill) => commit(fill);
}
