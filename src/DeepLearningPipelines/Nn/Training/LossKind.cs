namespace DeepLearningPipelines.Nn.Training;

/// <summary>
/// The loss a <see cref="Trainer"/> minimises, averaged over the batch. The cross-entropies are fused with the
/// graph's last activation: when the loss output is produced by a Softmax over the last axis (a Sigmoid for
/// <see cref="BinaryCrossEntropy"/>), the loss reads that node's input as logits, which is exact and stable;
/// otherwise the output itself is taken as logits.
/// </summary>
public enum LossKind
{
    /// <summary>Softmax cross-entropy against dense labels <c>[N, classes]</c> (one-hot or probabilities).</summary>
    CategoricalCrossEntropy,
    /// <summary>Softmax cross-entropy against class indices: labels <c>[N]</c> holding 0 … classes−1 as floats.</summary>
    SparseCategoricalCrossEntropy,
    /// <summary>Sigmoid cross-entropy with logits, element-wise; labels (0 … 1) have the output's shape; mean over all elements.</summary>
    BinaryCrossEntropy,
    /// <summary>Mean squared error over all elements; labels have the output's shape.</summary>
    MeanSquaredError,
}
