using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames.Joins;

namespace DeepLearningPipelines.Frames.Plans;

/// <summary>
/// The partitions of both inputs, one after the other, duplicates kept (SQL's UNION ALL, as Spark's <c>union</c>);
/// columns match by position, types widen to a common type.
/// </summary>
internal sealed class UnionPlan : Plan
{
    private readonly Plan _left, _right;

    public UnionPlan(Plan left, Plan right)
    {
        Schema = SetOperationSchema.Common(left.Schema, right.Schema, "Union");
        _left = SetOperationSchema.Conform(left, Schema);
        _right = SetOperationSchema.Conform(right, Schema);
    }

    public override StructType Schema { get; }
    public override int NumPartitions => _left.NumPartitions + _right.NumPartitions;
    public override IEnumerable<Plan> Inputs => [_left, _right];
    public override string Describe() => "Union";

    public override IEnumerable<(Plan Input, int Partition)> Reads(int partition) =>
        [partition < _left.NumPartitions ? (_left, partition) : (_right, partition - _left.NumPartitions)];

    public override IEnumerable<RowBatch> Execute(int partition, PlanContext context) =>
        (partition < _left.NumPartitions ? _left.Execute(partition, context) : _right.Execute(partition - _left.NumPartitions, context))
        .Select(b => b.WithSchema(Schema));
}
