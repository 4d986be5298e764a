using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.Plans;

/// <summary>
/// <c>Cache()</c>: the child's partitions, served from the session's <see cref="PlanCache"/> while the child is
/// persisted there, and computed through otherwise (after <c>Unpersist()</c>).
/// </summary>
internal sealed class CachePlan(Plan child) : Plan
{
    public Plan Child { get; } = child;
    public override StructType Schema => Child.Schema;
    public override int NumPartitions => Child.NumPartitions;
    public override IEnumerable<Plan> Inputs => [Child];
    public override string Describe() => "InMemoryRelation";

    protected override bool PartitionWise => true;

    public override void Prepare(PlanContext context)
    {
        if (context.Cache.Partitions(Child, context) is null) Child.Prepare(context);
    }

    public override IEnumerable<RowBatch> Execute(int partition, PlanContext context) =>
        context.Cache.Partitions(Child, context) is { } cached ? cached[partition] : Child.Execute(partition, context);
}
