using DeepLearningPipelines.Vision.Training;

namespace DeepLearningPipelines.Tests.Vision.Training;

/// <summary>How ranks share the batches of an order every rank knows: each global batch split without overlap, a short last batch as evenly as it goes, resumed epochs skipping whole batches.</summary>
public class BatchShardTests
{
    [Fact]
    public void RanksSplitEveryBatchWithoutOverlapAndShareAShortLastBatch()
    {
        int[] order = Enumerable.Range(0, 37).Select(i => (i * 11) % 37).ToArray();
        var shares = Enumerable.Range(0, 3).Select(r => new BatchShard(r, 3, 0).Slices(order, 12).ToList()).ToList();
        Assert.All(shares, s => Assert.Equal(4, s.Count)); // every rank takes part in every step
        for (int b = 0; b < 4; b++)
            Assert.Equal(order.Skip(b * 12).Take(12), shares.SelectMany(s => s[b]));
        Assert.Equal([4, 4, 4], shares.Select(s => s[0].Length));
        Assert.Equal([0, 0, 1], shares.Select(s => s[3].Length)); // the last batch holds one row: two ranks get none
    }

    [Fact]
    public void AResumedEpochSkipsWholeGlobalBatches()
    {
        int[] order = Enumerable.Range(0, 10).ToArray();
        Assert.Equal([[4, 5], [6, 7], [8, 9]], new BatchShard(0, 1, 2).Slices(order, 2));
        Assert.Equal([[3, 4, 5], [8, 9]], new BatchShard(1, 2, 0).Slices(order, 6));
        Assert.Equal([[8, 9]], new BatchShard(1, 2, 1).Slices(order, 6));
    }
}
