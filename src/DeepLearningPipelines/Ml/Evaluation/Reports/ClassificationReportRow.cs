namespace DeepLearningPipelines.Ml.Evaluation.Reports;

/// <summary>One line of a <see cref="ClassificationReport"/>: a class, or the macro or weighted average.</summary>
/// <param name="Name">Class name, "macro avg" or "weighted avg".</param>
/// <param name="Precision">Precision of the class, or its average.</param>
/// <param name="Recall">Recall of the class, or its average.</param>
/// <param name="F1Score">F1 of the class, or its average.</param>
/// <param name="Support">Weighted number of rows whose actual label is the class; for averages, of all rows.</param>
public sealed record ClassificationReportRow(string Name, double Precision, double Recall, double F1Score, double Support);
