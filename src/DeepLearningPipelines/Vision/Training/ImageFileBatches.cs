using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn;
using DeepLearningPipelines.Vision.Imaging;
using DeepLearningPipelines.Vision.Stages;

namespace DeepLearningPipelines.Vision.Training;

/// <summary>
/// Batches of image files decoded as they are needed (files are read in parallel per batch, never all at once):
/// resized by <paramref name="resize"/> to channels-last RGB 0–255 [n, height, width, 3] tensors, labels as class
/// indices [n]; shuffled every epoch (the same order on every rank) (seeded by <paramref name="seed"/> and the epoch) when <paramref name="shuffle"/> is set.
/// </summary>
public sealed class ImageFileBatches(IReadOnlyList<string> paths, IReadOnlyList<int> labels, ResizeOptions resize, bool shuffle, int seed) : IBatchSource
{
    private static readonly TensorFormat Format = new(TensorLayout.Nhwc, ChannelOrder.Rgb);

    /// <inheritdoc />
    public IEnumerable<(Tensor Input, Tensor Labels)> Batches(int epoch, int batchSize) => Batches(epoch, batchSize, BatchShard.Single);

    /// <summary>This rank's rows of each batch of the epoch's order, which every rank shuffles alike: a rank decodes only its own images.</summary>
    public IEnumerable<(Tensor Input, Tensor Labels)> Batches(int epoch, int batchSize, BatchShard shard)
    {
        var order = Enumerable.Range(0, paths.Count).ToArray();
        if (shuffle) LabeledImageBatches.Shuffle(order, new SplitMix64(seed, epoch));
        int per = resize.Height * resize.Width * 3;
        foreach (var batch in shard.Slices(order, batchSize))
        {
            var input = new Tensor(batch.Length, resize.Height, resize.Width, 3);
            ParallelLoops.For(batch.Length, i =>
                ImageResizer.ResizeToTensor(ImageFileTransformer.DefaultLoader(paths[batch[i]]), resize, Format, input.Span.Slice(i * per, per)));
            var target = new Tensor(batch.Length);
            for (int i = 0; i < batch.Length; i++) target.Span[i] = labels[batch[i]];
            yield return (input, target);
        }
    }
}
