using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn;

namespace DeepLearningPipelines.Vision.Training;

/// <summary>
/// Training examples handed out a batch at a time, as input and label tensors (the caller disposes both). A source
/// may stream them from storage; it need not hold the whole data set.
/// </summary>
public interface IBatchSource
{
    /// <summary>The batches of one pass, in the order for <paramref name="epoch"/> (0-based).</summary>
    IEnumerable<(Tensor Input, Tensor Labels)> Batches(int epoch, int batchSize);

    /// <summary>
    /// This rank's share of the pass for <paramref name="epoch"/> in batches of <paramref name="batchSize"/> examples
    /// over all ranks, from batch <see cref="BatchShard.Skip"/> on (a resumed epoch). The default serves one rank by
    /// skipping batches of <see cref="Batches(int, int)"/>; a source trained data-parallel overrides it.
    /// </summary>
    IEnumerable<(Tensor Input, Tensor Labels)> Batches(int epoch, int batchSize, BatchShard shard)
    {
        if (shard.Ranks != 1)
            throw new ParamException($"{GetType().Name} cannot split its batches over {shard.Ranks} ranks; implement IBatchSource.Batches(epoch, batchSize, shard) to train on it data-parallel.");
        return BatchShard.SkipBatches(Batches(epoch, batchSize), shard.Skip);
    }
}
