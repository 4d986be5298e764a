using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames.Plans;

namespace DeepLearningPipelines.Streaming;

/// <summary>
/// Refuses, when a query starts, the operations whose result over a stream needs state kept across micro-batches
/// (only the append output mode exists here, and there are no watermarks): aggregations, de-duplication, sorting,
/// limits, intersections and differences, joins of two streams, and caching a streaming plan.
/// </summary>
internal static class UnsupportedOperations
{
    public static void Check(Plan plan)
    {
        if (StreamSourcePlan.In(plan).Count == 0) return;
        Walk(plan);
    }

    private static void Walk(Plan plan)
    {
        if (StreamSourcePlan.In(plan).Count == 0) return;
        string? why = plan switch
        {
            AggregatePlan => "Append output mode is not supported when there are streaming aggregations on streaming DataFrames without watermark " +
                             "(an aggregate over a stream changes with every micro-batch). Aggregate each micro-batch in ForeachBatch, or aggregate the sink's output as a batch DataFrame.",
            DistinctPlan => "Distinct/DropDuplicates on a streaming DataFrame is not supported: it needs the keys of every earlier micro-batch. " +
                            "De-duplicate within ForeachBatch, or the sink's output as a batch DataFrame.",
            SortPlan => "Sorting is not supported on streaming DataFrames (a sorted stream never ends). Sort within ForeachBatch or the sink's output.",
            LimitPlan => "Limit is not supported on streaming DataFrames in append mode. Use maxFilesPerTrigger to bound a micro-batch, or Limit within ForeachBatch.",
            SetOperationPlan => "Intersect/Except on a streaming DataFrame is not supported: it needs the rows of every earlier micro-batch.",
            CachePlan => "Cache()/Persist() is not supported on a streaming DataFrame: every micro-batch reads new files. Cache within ForeachBatch instead.",
            JoinPlan when plan.Inputs.Count(i => StreamSourcePlan.In(i).Count > 0) > 1 =>
                "Joins between two streaming DataFrames are not supported (a stream-stream join needs state across micro-batches). Join the stream with a static DataFrame instead.",
            _ => null,
        };
        if (why is not null) throw new DlpException($"{why} Plan node: {plan.Describe()}.");
        foreach (var input in plan.Inputs) Walk(input);
    }
}
