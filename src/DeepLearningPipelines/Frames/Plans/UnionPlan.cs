using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.Plans;

/// <summary>The partitions of both inputs, one after the other; columns match by position as in Spark.</summary>
internal sealed class UnionPlan : Plan
{
    private readonly Plan _left, _right;

    public UnionPlan(Plan left, Plan right)
    {
        if (left.Schema.Count != right.Schema.Count)
            throw new SchemaException($"Union can only be performed on inputs with the same number of columns, but the first has {left.Schema.Count} and the second has {right.Schema.Count}.");
        for (int i = 0; i < left.Schema.Count; i++)
            if (left.Schema[i].DataType != right.Schema[i].DataType)
                throw new SchemaException($"Union: column {i + 1} is {left.Schema[i].DataType.SimpleString} ('{left.Schema[i].Name}') in the first input but {right.Schema[i].DataType.SimpleString} ('{right.Schema[i].Name}') in the second.");
        _left = left;
        _right = right;
    }

    public override StructType Schema => _left.Schema;
    public override int NumPartitions => _left.NumPartitions + _right.NumPartitions;
    public override IEnumerable<Plan> Inputs => [_left, _right];
    public override string Describe() => "Union";

    public override IEnumerable<RowBatch> Execute(int partition, PlanContext context) =>
        partition < _left.NumPartitions
            ? _left.Execute(partition, context)
            : _right.Execute(partition - _left.NumPartitions, context).Select(b => b.WithSchema(Schema));
}
