using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames.Execution;

namespace DeepLearningPipelines.Frames.Plans;

/// <summary>
/// A shuffle boundary: the child's rows redistributed by <see cref="Partitioning"/>. The executor materialises the
/// child once per action and hands out the output partitions; the node itself keeps nothing.
/// </summary>
internal sealed class ExchangePlan(Plan child, Partitioning partitioning) : Plan
{
    public Plan Child { get; } = child;
    public Partitioning Partitioning { get; } = partitioning;
    public override StructType Schema => Child.Schema;
    public override int NumPartitions => Partitioning.NumPartitions;
    public override IEnumerable<Plan> Inputs => [Child];
    public override string Describe() => $"Exchange {Partitioning.Describe()}";

    public override IEnumerable<RowBatch> Execute(int partition, PlanContext context) => context.Exchanged(this)[partition];

    /// <summary>Both inputs partitioned by their keys into the same number of partitions, so that partition i of one meets partition i of the other (joins).</summary>
    public static (ExchangePlan Left, ExchangePlan Right) CoPartition(Plan left, Expressions.Expr[] leftKeys, Plan right, Expressions.Expr[] rightKeys, int partitions) =>
        (new ExchangePlan(left, new HashPartitioning(leftKeys, partitions)), new ExchangePlan(right, new HashPartitioning(rightKeys, partitions)));
}
