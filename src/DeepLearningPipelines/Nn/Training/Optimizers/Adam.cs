using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Nn.Training.Optimizers;

/// <summary>
/// Adam (PyTorch's rule): <c>g += wd·w</c> (L2; see <see cref="AdamW"/> for decoupled decay),
/// <c>m = β1·m + (1−β1)·g</c>, <c>v = β2·v + (1−β2)·g²</c>, <c>w −= lr·m̂ / (√v̂ + ε)</c> with bias-corrected moments.
/// </summary>
public class Adam : Optimizer
{
    /// <summary>Creates the optimizer.</summary>
    public Adam(float learningRate = 0.001f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f, float weightDecay = 0f)
        : base(learningRate, weightDecay)
    {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1))
            throw new ParamException($"{GetType().Name}: betas must be in [0, 1), got {beta1} and {beta2}.");
        if (!(epsilon > 0)) throw new ParamException($"{GetType().Name}: epsilon must be positive, got {epsilon}.");
        (Beta1, Beta2, Epsilon) = (beta1, beta2, epsilon);
    }

    /// <summary>Decay of the first moment.</summary>
    public float Beta1 { get; }

    /// <summary>Decay of the second moment.</summary>
    public float Beta2 { get; }

    /// <summary>Added to the root of the second moment.</summary>
    public float Epsilon { get; }

    /// <summary>Whether weight decay is decoupled from the gradient.</summary>
    private protected virtual bool Decoupled => false;

    internal override int StateSize => 2;

    internal override void Update(Span<float> weights, ReadOnlySpan<float> gradients, Span<float> state, float rate, long step)
    {
        int n = weights.Length;
        Span<float> m = state[..n], v = state.Slice(n, n);
        float b1 = Beta1, b2 = Beta2, eps = Epsilon;
        double t = step + 1;
        float correction1 = (float)(1 - Math.Pow(b1, t)), root2 = (float)Math.Sqrt(1 - Math.Pow(b2, t));
        float stepSize = rate / correction1;
        float l2 = Decoupled ? 0f : WeightDecay, shrink = Decoupled ? 1f - rate * WeightDecay : 1f;
        for (int i = 0; i < n; i++)
        {
            float g = gradients[i] + l2 * weights[i];
            m[i] = b1 * m[i] + (1 - b1) * g;
            v[i] = b2 * v[i] + (1 - b2) * g * g;
            weights[i] = weights[i] * shrink - stepSize * m[i] / (MathF.Sqrt(v[i]) / root2 + eps);
        }
    }
}
