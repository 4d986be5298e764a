using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames.Plans;

namespace DeepLearningPipelines.Frames.Joins;

/// <summary><c>Functions.Broadcast(df)</c>: marks a join side to be sent whole to every partition of the other; rows pass through.</summary>
internal sealed class BroadcastHintPlan(Plan child) : Plan
{
    public override StructType Schema => child.Schema;
    public override int NumPartitions => child.NumPartitions;
    public override IEnumerable<Plan> Inputs => [child];
    public override string Describe() => "ResolvedHint (strategy=broadcast)";
    protected override bool PartitionWise => true;

    public override IEnumerable<RowBatch> Execute(int partition, PlanContext context) => child.Execute(partition, context);
}
