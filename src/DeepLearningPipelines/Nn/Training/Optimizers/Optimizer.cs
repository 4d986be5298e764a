using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Nn.Training.Optimizers;

/// <summary>
/// Updates parameters from their gradients. Concrete optimizers: <see cref="Sgd"/>, <see cref="Adam"/>,
/// <see cref="AdamW"/>, <see cref="RmsProp"/>; their update rules are PyTorch's, so the same hyper-parameters give
/// the same steps. An optimizer holds no per-parameter state itself (the <see cref="Trainer"/> does), so one instance
/// may configure several trainers.
/// </summary>
public abstract class Optimizer
{
    private protected Optimizer(float learningRate, float weightDecay)
    {
        if (!(learningRate >= 0) || float.IsInfinity(learningRate)) throw new ParamException($"{GetType().Name}: learning rate must be a finite value ≥ 0, got {learningRate}.");
        if (!(weightDecay >= 0) || float.IsInfinity(weightDecay)) throw new ParamException($"{GetType().Name}: weight decay must be a finite value ≥ 0, got {weightDecay}.");
        (LearningRate, WeightDecay) = (learningRate, weightDecay);
    }

    /// <summary>Base learning rate (the schedule scales it per step).</summary>
    public float LearningRate { get; }

    /// <summary>Weight decay: L2 added to the gradient (<see cref="AdamW"/>: decoupled, applied to the weights).</summary>
    public float WeightDecay { get; }

    /// <summary>Learning rate per step (default: constant).</summary>
    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.Constant;

    /// <summary>Floats of state kept per parameter element (momentum, moments).</summary>
    internal abstract int StateSize { get; }

    /// <summary>
    /// Applies update number <paramref name="step"/> (0-based) at rate <paramref name="rate"/> to <paramref name="weights"/>;
    /// <paramref name="state"/> holds <see cref="StateSize"/> consecutive blocks of <c>weights.Length</c> floats, zero before the first update.
    /// </summary>
    internal abstract void Update(Span<float> weights, ReadOnlySpan<float> gradients, Span<float> state, float rate, long step);

    /// <summary>A short description, e.g. <c>Adam(lr=0.001)</c>.</summary>
    public override string ToString() => $"{GetType().Name}(lr={LearningRate}{(WeightDecay > 0 ? $", weight decay={WeightDecay}" : "")})";
}
