using System.Runtime.ExceptionServices;
using DeepLearningPipelines.Frames.Plans;

namespace DeepLearningPipelines.Frames;

/// <summary>Runs a plan's partitions in parallel on the local cores (Spark's <c>local[*]</c>).</summary>
internal static class LocalExecutor
{
    /// <summary>Applies <paramref name="perPartition"/> to each partition's batch stream, at most <c>Parallelism</c> at a time.</summary>
    public static T[] Run<T>(Plan plan, PlanContext context, Func<int, IEnumerable<RowBatch>, T> perPartition)
    {
        var results = new T[plan.NumPartitions];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, context.Parallelism), CancellationToken = context.Cancellation };
        try
        {
            Parallel.For(0, plan.NumPartitions, options, p => results[p] = perPartition(p, plan.Execute(p, context)));
        }
        catch (AggregateException e)
        {
            ExceptionDispatchInfo.Capture(e.Flatten().InnerExceptions[0]).Throw();
        }
        return results;
    }
}
