namespace DeepLearningPipelines.Vision.Training;

/// <summary>One training step as it is reported: epoch (1-based), step (1-based, over all epochs), the batch's loss and accuracy, and throughput so far in the epoch.</summary>
public readonly record struct TrainingProgress(int Epoch, long Step, float Loss, float? Accuracy, double ImagesPerSecond);

/// <summary>One finished epoch: mean training loss and accuracy, validation loss and accuracy (null without validation data), and its duration.</summary>
public sealed record EpochSummary(int Epoch, double Loss, double? Accuracy, double? ValidationLoss, double? ValidationAccuracy, double Seconds, double ImagesPerSecond);
