using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.Plans;

/// <summary>
/// Applies a function to every batch, producing batches of a declared schema. A result without row origins that has
/// as many rows as its input keeps the input's, row for row (the function is taken to map rows one to one).
/// </summary>
internal sealed class MapBatchesPlan(Plan child, Func<RowBatch, RowBatch> map, StructType schema, string name) : Plan
{
    public override StructType Schema => schema;
    public override int NumPartitions => child.NumPartitions;
    public override IEnumerable<Plan> Inputs => [child];
    public override string Describe() => $"MapBatches {name}";

    protected override bool PartitionWise => true;

    public override IEnumerable<RowBatch> Execute(int partition, PlanContext context)
    {
        foreach (var batch in child.Execute(partition, context))
        {
            var result = map(batch);
            if (result.Schema.Count != schema.Count)
                throw new SchemaException($"MapBatches '{name}' returned {result.Schema.Count} columns but declared {schema.Count}.");
            if (result.Origins is null && batch.Origins is { } origins && result.RowCount == batch.RowCount) result = result.WithOrigins(origins);
            if (result.RowCount > 0) yield return result.WithSchema(schema);
        }
    }
}
