using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Nn.Training.Optimizers;

/// <summary>
/// Stochastic gradient descent with optional (Nesterov) momentum, PyTorch's rule: <c>g += wd·w</c>,
/// <c>v = μ·v + g</c> (v = g on the first step), <c>w −= lr·(nesterov ? g + μ·v : v)</c>.
/// </summary>
public sealed class Sgd : Optimizer
{
    /// <summary>Creates the optimizer.</summary>
    public Sgd(float learningRate = 0.01f, float momentum = 0f, bool nesterov = false, float weightDecay = 0f) : base(learningRate, weightDecay)
    {
        if (!(momentum >= 0 && momentum < 1)) throw new ParamException($"Sgd: momentum must be in [0, 1), got {momentum}.");
        if (nesterov && momentum == 0) throw new ParamException("Sgd: Nesterov momentum needs a momentum > 0.");
        (Momentum, Nesterov) = (momentum, nesterov);
    }

    /// <summary>Momentum factor μ (0: plain SGD).</summary>
    public float Momentum { get; }

    /// <summary>Whether the Nesterov form is used.</summary>
    public bool Nesterov { get; }

    internal override int StateSize => Momentum > 0 ? 1 : 0;

    internal override void Update(Span<float> weights, ReadOnlySpan<float> gradients, Span<float> state, float rate, long step)
    {
        float decay = WeightDecay, mu = Momentum;
        for (int i = 0; i < weights.Length; i++)
        {
            float g = gradients[i] + decay * weights[i];
            if (mu > 0)
            {
                float v = step == 0 ? g : mu * state[i] + g;
                state[i] = v;
                g = Nesterov ? g + mu * v : v;
            }
            weights[i] -= rate * g;
        }
    }
}
