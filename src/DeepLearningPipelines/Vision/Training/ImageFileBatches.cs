using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn;
using DeepLearningPipelines.Vision.Imaging;
using DeepLearningPipelines.Vision.Stages;

namespace DeepLearningPipelines.Vision.Training;

/// <summary>
/// Batches of image files decoded as they are needed (files are read in parallel per batch, never all at once):
/// resized by <paramref name="resize"/> to channels-last RGB 0–255 [n, height, width, 3] tensors, labels as class
/// indices [n]; shuffled every epoch (seeded by <paramref name="seed"/> and the epoch) when <paramref name="shuffle"/> is set.
/// </summary>
public sealed class ImageFileBatches(IReadOnlyList<string> paths, IReadOnlyList<int> labels, ResizeOptions resize, bool shuffle, int seed) : IBatchSource
{
    private static readonly TensorFormat Format = new(TensorLayout.Nhwc, ChannelOrder.Rgb);

    /// <inheritdoc />
    public IEnumerable<(Tensor Input, Tensor Labels)> Batches(int epoch, int batchSize)
    {
        var order = Enumerable.Range(0, paths.Count).ToArray();
        if (shuffle) LabeledImageBatches.Shuffle(order, new SplitMix64(seed, epoch));
        int per = resize.Height * resize.Width * 3;
        for (int start = 0; start < order.Length; start += batchSize)
        {
            var batch = order.AsSpan(start, Math.Min(batchSize, order.Length - start)).ToArray();
            var input = new Tensor(batch.Length, resize.Height, resize.Width, 3);
            ParallelLoops.For(batch.Length, i =>
                ImageResizer.ResizeToTensor(ImageFileTransformer.DefaultLoader(paths[batch[i]]), resize, Format, input.Span.Slice(i * per, per)));
            var target = new Tensor(batch.Length);
            for (int i = 0; i < batch.Length; i++) target.Span[i] = labels[batch[i]];
            yield return (input, target);
        }
    }
}
