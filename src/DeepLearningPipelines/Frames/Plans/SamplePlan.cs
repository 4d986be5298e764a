using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.Plans;

/// <summary>
/// Keeps each row whose draw falls in [lower, upper). A row's draw depends only on the seed and the row's identity
/// (<see cref="RowIdentity"/>), so every split of a <c>RandomSplit</c> sees the same draws (the splits are disjoint and
/// cover every row) and the same rows are kept whatever the partitioning, cores or processes. Kept rows leave with
/// identities derived from the seed, so splitting a split again with the same seed draws afresh.
/// </summary>
internal sealed class SamplePlan(Plan child, double lower, double upper, long seed) : Plan
{
    public override StructType Schema => child.Schema;
    public override int NumPartitions => child.NumPartitions;
    public override IEnumerable<Plan> Inputs => [child];
    public override string Describe() => $"Sample [{lower}, {upper}) seed={seed}";

    protected override bool PartitionWise => true;

    public override IEnumerable<RowBatch> Execute(int partition, PlanContext context)
    {
        foreach (var batch in child.Execute(partition, context))
        {
            var keys = RowIdentity.Of(batch);
            var keep = new List<int>();
            for (int i = 0; i < keys.Length; i++)
            {
                double u = RowIdentity.Draw(seed, keys[i]);
                if (u >= lower && u < upper) keep.Add(i);
            }
            if (keep.Count == 0) continue;
            var resampled = new ulong[keep.Count];
            for (int i = 0; i < resampled.Length; i++) resampled[i] = RowIdentity.Resampled(seed, keys[keep[i]]);
            var origins = (batch.Origins ?? RowOrigins.OfKeys(keys)).Take(keep).WithKeys(resampled);
            yield return (keep.Count == batch.RowCount ? batch : batch.Take(keep)).WithOrigins(origins);
        }
    }
}
