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
}
