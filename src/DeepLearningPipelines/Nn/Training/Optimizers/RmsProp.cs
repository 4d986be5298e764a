using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Nn.Training.Optimizers;

/// <summary>
/// RMSprop (PyTorch's rule, not centered): <c>g += wd·w</c>, <c>s = ρ·s + (1−ρ)·g²</c>, with momentum μ
/// <c>b = μ·b + g/(√s + ε)</c> and <c>w −= lr·b</c>, without it <c>w −= lr·g/(√s + ε)</c>.
/// </summary>
public sealed class RmsProp : Optimizer
{
    /// <summary>Creates the optimizer (PyTorch's defaults: ρ = 0.99, ε = 1e-8).</summary>
    public RmsProp(float learningRate = 0.01f, float rho = 0.99f, float epsilon = 1e-8f, float momentum = 0f, float weightDecay = 0f)
        : base(learningRate, weightDecay)
    {
        if (!(rho >= 0 && rho < 1)) throw new ParamException($"RmsProp: rho must be in [0, 1), got {rho}.");
        if (!(epsilon > 0)) throw new ParamException($"RmsProp: epsilon must be positive, got {epsilon}.");
        if (!(momentum >= 0 && momentum < 1)) throw new ParamException($"RmsProp: momentum must be in [0, 1), got {momentum}.");
        (Rho, Epsilon, Momentum) = (rho, epsilon, momentum);
    }

    /// <summary>Decay of the squared-gradient average.</summary>
    public float Rho { get; }

    /// <summary>Added to its root.</summary>
    public float Epsilon { get; }

    /// <summary>Momentum factor (0: none).</summary>
    public float Momentum { get; }

    internal override int StateSize => Momentum > 0 ? 2 : 1;

    internal override void Update(Span<float> weights, ReadOnlySpan<float> gradients, Span<float> state, float rate, long step)
    {
        int n = weights.Length;
        Span<float> square = state[..n], buffer = Momentum > 0 ? state.Slice(n, n) : default;
        float rho = Rho, eps = Epsilon, mu = Momentum, decay = WeightDecay;
        for (int i = 0; i < n; i++)
        {
            float g = gradients[i] + decay * weights[i];
            square[i] = rho * square[i] + (1 - rho) * g * g;
            float scaled = g / (MathF.Sqrt(square[i]) + eps);
            if (mu > 0)
            {
                buffer[i] = mu * buffer[i] + scaled;
                scaled = buffer[i];
            }
            weights[i] -= rate * scaled;
        }
    }
}
