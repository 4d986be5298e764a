using System.Runtime.ExceptionServices;

namespace DeepLearningPipelines.Core;

/// <summary>
/// <see cref="Parallel.For(int, int, ParallelOptions, Action{int})"/> whose failures keep their type: the first
/// exception a body throws is rethrown as it is (with its stack), not wrapped in an <see cref="AggregateException"/>.
/// </summary>
internal static class ParallelLoops
{
    /// <summary>Runs <paramref name="body"/> for 0 … <paramref name="count"/> − 1, at most <paramref name="maxDegree"/> at a time (−1: no limit).</summary>
    public static void For(int count, Action<int> body, int maxDegree = -1, CancellationToken cancellation = default)
    {
        try
        {
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = maxDegree, CancellationToken = cancellation }, body);
        }
        catch (AggregateException e)
        {
            ExceptionDispatchInfo.Capture(e.Flatten().InnerExceptions[0]).Throw();
        }
    }
}
