using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn;
using DeepLearningPipelines.Vision.Datasets;

namespace DeepLearningPipelines.Vision.Training;

/// <summary>
/// Batches of <see cref="LabeledImages"/> for the array path: images scaled to [0, 1] as channels-last
/// [n, height, width, 1] tensors and class indices as float labels [n]; the order of <paramref name="indices"/>,
/// reshuffled each epoch (seeded by <paramref name="seed"/> and the epoch) when <paramref name="shuffle"/> is set.
/// </summary>
public sealed class LabeledImageBatches(LabeledImages images, int[] indices, bool shuffle, int seed) : IBatchSource
{
    /// <summary>All images, in order.</summary>
    public LabeledImageBatches(LabeledImages images, bool shuffle = false, int seed = 0)
        : this(images, Enumerable.Range(0, images.Count).ToArray(), shuffle, seed)
    {
    }

    /// <summary>Number of examples per epoch.</summary>
    public int Count => indices.Length;

    /// <inheritdoc />
    public IEnumerable<(Tensor Input, Tensor Labels)> Batches(int epoch, int batchSize) => Batches(epoch, batchSize, BatchShard.Single);

    /// <summary>This rank's rows of each batch of the epoch's order, which every rank shuffles alike.</summary>
    public IEnumerable<(Tensor Input, Tensor Labels)> Batches(int epoch, int batchSize, BatchShard shard)
    {
        var order = (int[])indices.Clone();
        if (shuffle) Shuffle(order, new SplitMix64(seed, epoch));
        foreach (var batch in shard.Slices(order, batchSize))
        {
            var input = new Tensor(batch.Length, images.Height, images.Width, 1);
            images.CopyScaled(batch, input.Span);
            var labels = new Tensor(batch.Length);
            for (int i = 0; i < batch.Length; i++) labels.Span[i] = images.Labels[batch[i]];
            yield return (input, labels);
        }
    }

    /// <summary>Fisher–Yates with <paramref name="random"/>.</summary>
    public static void Shuffle(int[] items, SplitMix64 random)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = random.NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
