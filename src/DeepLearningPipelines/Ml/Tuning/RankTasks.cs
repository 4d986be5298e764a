using System.Runtime.ExceptionServices;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Frames.Execution;
using DeepLearningPipelines.Frames.Plans;

namespace DeepLearningPipelines.Ml.Tuning;

/// <summary>
/// Numbered tasks spread over the ranks of a session: task i is partition i of an empty source, so the executor's
/// partition assignment (contiguous, balanced blocks, the same on every rank) decides who runs it, and the executor's
/// gather brings every result to every rank. A task that fails on one rank fails the call on every rank: that rank
/// with its own exception, the others with one naming it.
/// </summary>
internal static class RankTasks
{
    /// <summary>
    /// The results of tasks 0 … <paramref name="count"/> − 1, on every rank; this rank runs its share,
    /// <paramref name="parallelism"/> at a time. In one process, it runs them all.
    /// </summary>
    public static double[] Run(DlpSession session, int count, int parallelism, Func<int, double> task)
    {
        var tasks = new SourcePlan(new StructType(), count, (_, _) => [], $"{count} tasks");
        var mine = PartitionAssignment.Of(tasks, session.Rank, session.RankCount);
        var results = new double[count];
        ExceptionDispatchInfo? failure = null;
        try
        {
            ParallelLoops.For(mine.Length, i => results[mine[i]] = task(mine[i]), parallelism);
        }
        catch (Exception e)
        {
            failure = ExceptionDispatchInfo.Capture(e);
        }
        return session.Executor.Run(tasks, session.Context(), (i, _) =>
        {
            failure?.Throw();
            return results[i];
        });
    }
}
