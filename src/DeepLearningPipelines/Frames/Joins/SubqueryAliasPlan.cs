using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames.Plans;

namespace DeepLearningPipelines.Frames.Joins;

/// <summary><c>DataFrame.Alias(name)</c>: names a join side so that conditions can write <c>Col("name.column")</c>; rows pass through.</summary>
internal sealed class SubqueryAliasPlan(Plan child, string alias) : Plan
{
    public string Alias => alias;
    public override StructType Schema => child.Schema;
    public override int NumPartitions => child.NumPartitions;
    public override IEnumerable<Plan> Inputs => [child];
    public override string Describe() => $"SubqueryAlias {alias}";
    protected override bool PartitionWise => true;

    public override IEnumerable<RowBatch> Execute(int partition, PlanContext context) => child.Execute(partition, context);
}
