using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DeepLearningPipelines.Nn.Kernels;

/// <summary>
/// Gradients of <see cref="Activations"/>: <c>dx = f'(x)·dy</c> from the input x and output y (whichever is cheaper),
/// written or, with <c>accumulate</c>, added. Clamps pass the gradient strictly inside their range (PyTorch's hardtanh rule).
/// </summary>
internal static class ActivationsBackward
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(ActivationKind kind, ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx, bool accumulate,
        float min = float.NegativeInfinity, float max = float.PositiveInfinity)
    {
        if (kind == ActivationKind.Relu) (min, max) = (0f, float.PositiveInfinity);
        else if (kind == ActivationKind.Relu6) (min, max) = (0f, 6f);
        int i = 0;
        if (kind is ActivationKind.Relu or ActivationKind.Relu6 or ActivationKind.Clip)
        {
            var lo = Vector256.Create(min);
            var hi = Vector256.Create(max);
            for (; i <= dy.Length - 8; i += 8)
            {
                var v = Vector256.Create(x.Slice(i, 8));
                var g = Vector256.Create(dy.Slice(i, 8)) & Vector256.GreaterThan(v, lo) & Vector256.LessThan(v, hi);
                (accumulate ? Vector256.Create(dx.Slice(i, 8)) + g : g).CopyTo(dx.Slice(i, 8));
            }
        }
        for (; i < dy.Length; i++)
        {
            float d = dy[i], v = x[i];
            float g = kind switch
            {
                ActivationKind.Relu or ActivationKind.Relu6 or ActivationKind.Clip => v > min && v < max ? d : 0f,
                ActivationKind.Sigmoid => d * y[i] * (1f - y[i]),
                ActivationKind.Tanh => d * (1f - y[i] * y[i]),
                ActivationKind.HardSwish => v < -3f ? 0f : v > 3f ? d : d * (2f * v + 3f) / 6f,
                ActivationKind.Silu => d * SiluDerivative(v),
                _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
            };
            dx[i] = accumulate ? dx[i] + g : g;
        }
    }

    private static float SiluDerivative(float v)
    {
        float s = v >= 0 ? 1f / (1f + MathF.Exp(-v)) : MathF.Exp(v) / (1f + MathF.Exp(v));
        return s * (1f + v * (1f - s));
    }

    /// <summary>Softmax gradient along the middle axis of <c>[outer, axisLength, inner]</c>: <c>dx = y·(dy − Σ dy·y)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Softmax(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx, int outer, int axisLength, int inner, bool accumulate)
    {
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++)
            {
                int start = o * axisLength * inner + i;
                double dot = 0;
                for (int a = 0; a < axisLength; a++) dot += (double)dy[start + a * inner] * y[start + a * inner];
                for (int a = 0; a < axisLength; a++)
                {
                    int at = start + a * inner;
                    float g = y[at] * (dy[at] - (float)dot);
                    dx[at] = accumulate ? dx[at] + g : g;
                }
            }
    }
}
