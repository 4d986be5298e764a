using DeepLearningPipelines.Nn.Graph;

namespace DeepLearningPipelines.Vision.Training;

/// <summary>What <see cref="NetworkFitter.Fit"/> returns: the trained inference graph and each epoch's summary.</summary>
public sealed record FitResult(ModelGraph Graph, IReadOnlyList<EpochSummary> Epochs)
{
    /// <summary>The last epoch's validation accuracy, or null without validation data.</summary>
    public double? ValidationAccuracy => Epochs.Count == 0 ? null : Epochs[^1].ValidationAccuracy;
}
