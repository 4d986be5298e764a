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

    /// <summary>Materialises the exchange (its child is prepared by the executor's run of it).</summary>
    public override void Prepare(PlanContext context) => context.Exchanged(this);

    /// <summary>The child's rows partitioned by the hash of <paramref name="keys"/> (with no keys, all into one partition).</summary>
    public static ExchangePlan Hash(Plan child, Expressions.Expr[] keys, int partitions) => new(child, new HashPartitioning(keys, partitions));
}
