using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Nn.Training;

/// <summary>
/// The learning rate as a function of the optimizer step (0 for the first update). Counting in steps, not epochs:
/// a per-epoch schedule passes <c>epochs × steps per epoch</c>.
/// </summary>
public abstract class LearningRateSchedule
{
    /// <summary>The rate for update number <paramref name="step"/> (0-based) given the optimizer's base rate.</summary>
    public abstract float Rate(float baseRate, long step);

    /// <summary>The base rate throughout.</summary>
    public static LearningRateSchedule Constant { get; } = new ConstantSchedule();

    /// <summary>Multiplies the rate by <paramref name="gamma"/> every <paramref name="stepSize"/> steps (PyTorch's StepLR).</summary>
    public static LearningRateSchedule StepDecay(long stepSize, float gamma)
    {
        if (stepSize < 1) throw new ParamException($"StepDecay: stepSize must be at least 1, got {stepSize}.");
        if (!(gamma > 0)) throw new ParamException($"StepDecay: gamma must be positive, got {gamma}.");
        return new StepSchedule(stepSize, gamma);
    }

    /// <summary><c>baseRate · gamma^step</c> (PyTorch's ExponentialLR).</summary>
    public static LearningRateSchedule Exponential(float gamma) =>
        gamma > 0 ? new ExponentialSchedule(gamma) : throw new ParamException($"Exponential: gamma must be positive, got {gamma}.");

    /// <summary>
    /// Cosine annealing from the base rate to <paramref name="minRate"/> over <paramref name="totalSteps"/> steps,
    /// then <paramref name="minRate"/> (PyTorch's CosineAnnealingLR without restarts).
    /// </summary>
    public static LearningRateSchedule Cosine(long totalSteps, float minRate = 0f) =>
        totalSteps >= 1 ? new CosineSchedule(totalSteps, minRate) : throw new ParamException($"Cosine: totalSteps must be at least 1, got {totalSteps}.");

    private sealed class ConstantSchedule : LearningRateSchedule
    {
        public override float Rate(float baseRate, long step) => baseRate;
    }

    private sealed class StepSchedule(long stepSize, float gamma) : LearningRateSchedule
    {
        public override float Rate(float baseRate, long step) => (float)(baseRate * Math.Pow(gamma, step / stepSize));
    }

    private sealed class ExponentialSchedule(float gamma) : LearningRateSchedule
    {
        public override float Rate(float baseRate, long step) => (float)(baseRate * Math.Pow(gamma, step));
    }

    private sealed class CosineSchedule(long totalSteps, float minRate) : LearningRateSchedule
    {
        public override float Rate(float baseRate, long step) =>
            step >= totalSteps ? minRate : (float)(minRate + (baseRate - minRate) * (1 + Math.Cos(Math.PI * step / totalSteps)) / 2);
    }
}
