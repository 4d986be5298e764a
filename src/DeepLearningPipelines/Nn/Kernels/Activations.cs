using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DeepLearningPipelines.Nn.Kernels;

/// <summary>Element-wise activation kernels; input and output may be the same span.</summary>
internal static class Activations
{
    /// <summary>Applies <paramref name="kind"/> to every element; <paramref name="min"/>/<paramref name="max"/> are used by <see cref="ActivationKind.Clip"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Apply(ActivationKind kind, ReadOnlySpan<float> x, Span<float> y, float min = float.NegativeInfinity, float max = float.PositiveInfinity)
    {
        switch (kind)
        {
            case ActivationKind.Relu: Clamp(x, y, 0f, float.PositiveInfinity); break;
            case ActivationKind.Relu6: Clamp(x, y, 0f, 6f); break;
            case ActivationKind.Clip: Clamp(x, y, min, max); break;
            case ActivationKind.Sigmoid: for (int i = 0; i < x.Length; i++) y[i] = Sigmoid(x[i]); break;
            case ActivationKind.Tanh: for (int i = 0; i < x.Length; i++) y[i] = MathF.Tanh(x[i]); break;
            case ActivationKind.Silu: for (int i = 0; i < x.Length; i++) y[i] = x[i] * Sigmoid(x[i]); break;
            case ActivationKind.HardSwish: for (int i = 0; i < x.Length; i++) y[i] = x[i] * FastMath.Clamp(x[i] + 3f, 0f, 6f) / 6f; break;
            default: throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    private static float Sigmoid(float v) => v >= 0 ? 1f / (1f + MathF.Exp(-v)) : MathF.Exp(v) / (1f + MathF.Exp(v));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Clamp(ReadOnlySpan<float> x, Span<float> y, float min, float max)
    {
        int i = 0;
        var lo = Vector256.Create(min);
        var hi = Vector256.Create(max);
        for (; i <= x.Length - 8; i += 8)
            FastMath.Clamp(Vector256.Create(x.Slice(i, 8)), lo, hi).CopyTo(y.Slice(i, 8));
        for (; i < x.Length; i++) y[i] = FastMath.Clamp(x[i], min, max);
    }
}
