using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.Plans;

/// <summary>
/// Keeps each row whose uniform draw falls in [lower, upper). Every split of a <c>RandomSplit</c> replays the same
/// draws (one generator per partition, seeded by seed and partition index), so the splits are disjoint and cover
/// every row, and the result depends only on the seed and the partitioning.
/// </summary>
internal sealed class SamplePlan(Plan child, double lower, double upper, long seed) : Plan
{
    public override StructType Schema => child.Schema;
    public override int NumPartitions => child.NumPartitions;
    public override IEnumerable<Plan> Inputs => [child];
    public override string Describe() => $"Sample [{lower}, {upper}) seed={seed}";

    public override IEnumerable<RowBatch> Execute(int partition, PlanContext context)
    {
        var rng = new SplitMix64(seed, partition);
        foreach (var batch in child.Execute(partition, context))
        {
            var keep = new List<int>();
            for (int i = 0; i < batch.RowCount; i++)
            {
                double u = rng.NextDouble();
                if (u >= lower && u < upper) keep.Add(i);
            }
            if (keep.Count > 0) yield return keep.Count == batch.RowCount ? batch : batch.Take(keep);
        }
    }
}
