using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn;

namespace DeepLearningPipelines.Vision.Training;

/// <summary>
/// Which share of an epoch's batches a rank trains on: rank <see cref="Rank"/> of <see cref="Ranks"/>, starting
/// after the first <see cref="Skip"/> batches (steps) of the epoch, which a resumed run has already trained on.
/// </summary>
public readonly record struct BatchShard(int Rank, int Ranks, long Skip)
{
    /// <summary>The whole epoch on one rank.</summary>
    public static BatchShard Single => new(0, 1, 0);

    /// <summary>
    /// For sources that know the epoch's order of examples on every rank: this rank's indices of each batch of
    /// <paramref name="order"/> (global batches of <paramref name="batchSize"/>; rank r takes rows
    /// ⌊r·n/R⌋ to ⌊(r+1)·n/R⌋ of a batch of n, so a short last batch is shared as evenly as it can be and may leave
    /// a rank none), from batch <see cref="Skip"/> on. Every rank gets the same number of batches.
    /// </summary>
    public IEnumerable<int[]> Slices(int[] order, int batchSize)
    {
        if (batchSize < 1) throw new ParamException($"Batch size must be at least 1, got {batchSize}.");
        for (long start = Skip * batchSize; start < order.Length; start += batchSize)
        {
            int count = (int)Math.Min(batchSize, order.Length - start);
            long from = start + (long)count * Rank / Ranks, to = start + (long)count * (Rank + 1) / Ranks;
            yield return order[(int)from..(int)to];
        }
    }

    /// <summary>The batches of <paramref name="batches"/> after the first <paramref name="skip"/>, which are disposed unused.</summary>
    public static IEnumerable<(Tensor Input, Tensor Labels)> SkipBatches(IEnumerable<(Tensor Input, Tensor Labels)> batches, long skip)
    {
        long seen = 0;
        foreach (var batch in batches)
        {
            if (seen++ < skip)
            {
                batch.Input.Dispose();
                batch.Labels.Dispose();
                continue;
            }
            yield return batch;
        }
    }
}
