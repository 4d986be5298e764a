using DeepLearningPipelines.Nn.Training;

namespace DeepLearningPipelines.Vision.Training;

/// <summary>Example-weighted sums of batch losses and accuracies (over every rank's rows).</summary>
internal sealed class FitTotals
{
    public double LossSum { get; set; }
    public double Correct { get; set; }
    public long Count { get; set; }
    public bool HasAccuracy { get; set; } = true;

    public double Loss => LossSum / Count;

    public double? Accuracy => HasAccuracy && Count > 0 ? Correct / Count : null;

    public void Add(TrainingStepResult step) => Add(step.Loss * (double)step.BatchSize, step.Accuracy * (double)step.BatchSize, step.BatchSize);

    /// <summary>Adds <paramref name="rows"/> examples whose losses sum to <paramref name="lossSum"/> and of which <paramref name="correct"/> are right (null: no accuracy).</summary>
    public void Add(double lossSum, double? correct, long rows)
    {
        LossSum += lossSum;
        if (correct is { } c) Correct += c;
        else if (rows > 0) HasAccuracy = false;
        Count += rows;
    }
}
