namespace DeepLearningPipelines.Nn.Training;

/// <summary>
/// Loss and accuracy of one batch. <see cref="Accuracy"/> is the fraction of rows whose arg-max matches the label
/// (for binary cross-entropy: elements on the right side of 0.5); null for <see cref="LossKind.MeanSquaredError"/>.
/// </summary>
public readonly record struct TrainingStepResult(float Loss, float? Accuracy, int BatchSize);
