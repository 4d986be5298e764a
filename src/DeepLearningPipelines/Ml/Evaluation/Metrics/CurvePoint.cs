namespace DeepLearningPipelines.Ml.Evaluation.Metrics;

/// <summary>One point of an ROC curve (X = false positive rate, Y = true positive rate) or PR curve (X = recall, Y = precision).</summary>
public readonly record struct CurvePoint(double X, double Y);
