using DeepLearningPipelines.Frames.Plans;

namespace DeepLearningPipelines.Frames.Execution;

/// <summary>
/// Which process runs which partition of a plan: contiguous blocks of partitions, balanced by the bytes the source
/// reads where it knows them (file sources under partition-wise plans), else by partition count. Every process
/// computes the same assignment from the same plan.
/// </summary>
internal static class PartitionAssignment
{
    /// <summary>The partitions of <paramref name="plan"/> that <paramref name="rank"/> of <paramref name="ranks"/> runs, in order.</summary>
    public static int[] Of(Plan plan, int rank, int ranks) =>
        Owners(plan.NumPartitions, Weights(plan), ranks).Select((owner, p) => (owner, p)).Where(x => x.owner == rank).Select(x => x.p).ToArray();

    /// <summary>The rank that runs each partition of <paramref name="plan"/>.</summary>
    public static int[] Owners(Plan plan, int ranks) => Owners(plan.NumPartitions, Weights(plan), ranks);

    /// <summary>
    /// The owner of each of <paramref name="count"/> partitions: partition i goes to the rank whose share of the total
    /// weight holds the middle of i's weight, so owners never decrease and each rank gets about an equal weight.
    /// </summary>
    public static int[] Owners(int count, IReadOnlyList<long>? weights, int ranks)
    {
        var owners = new int[count];
        if (weights is not null && weights.Count != count) weights = null;
        double total = weights is null ? count : weights.Sum(w => (double)Math.Max(1, w));
        double before = 0;
        for (int p = 0; p < count; p++)
        {
            double w = weights is null ? 1 : Math.Max(1, weights[p]);
            owners[p] = (int)Math.Min(ranks - 1, Math.Floor((before + w / 2) * ranks / total));
            before += w;
        }
        return owners;
    }

    /// <summary>The source bytes behind each partition, followed down partition-wise plans; null when unknown.</summary>
    private static IReadOnlyList<long>? Weights(Plan plan)
    {
        while (true)
        {
            if (plan is SourcePlan source) return source.PartitionBytes;
            if (plan is ExchangePlan || plan.Inputs.Take(2).Count() != 1) return null;
            var input = plan.Inputs.First();
            if (input.NumPartitions != plan.NumPartitions) return null;
            plan = input;
        }
    }
}
