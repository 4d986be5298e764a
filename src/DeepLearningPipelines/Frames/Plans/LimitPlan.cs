using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.Plans;

/// <summary>The first n rows in partition order, as one partition; stops reading once n rows are produced.</summary>
internal sealed class LimitPlan(Plan child, int limit) : Plan
{
    public override StructType Schema => child.Schema;
    public override int NumPartitions => 1;
    public override IEnumerable<Plan> Inputs => [child];
    public override string Describe() => $"Limit {limit}";

    public override IEnumerable<RowBatch> Execute(int partition, PlanContext context)
    {
        int remaining = limit;
        for (int p = 0; p < child.NumPartitions && remaining > 0; p++)
        {
            foreach (var batch in child.Execute(p, context))
            {
                var b = batch.Head(remaining);
                remaining -= b.RowCount;
                yield return b;
                if (remaining <= 0) yield break;
            }
        }
    }
}
