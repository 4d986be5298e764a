using DeepLearningPipelines.Frames.Plans;

namespace DeepLearningPipelines.Frames.Joins;

/// <summary>
/// An upper bound on a plan's row count when it can be known without running it (in-memory sources, and what is
/// derived from them one input to one output); the join uses it to broadcast small sides automatically.
/// </summary>
internal static class PlanSize
{
    public static long? Rows(Plan plan) => plan switch
    {
        SourcePlan s => s.RowCount,
        UnionPlan => plan.Inputs.Aggregate((long?)0, (sum, p) => sum + Rows(p)),
        JoinPlan => null,
        _ when plan.Inputs.Count() == 1 => Rows(plan.Inputs.First()),
        _ => null,
    };
}
