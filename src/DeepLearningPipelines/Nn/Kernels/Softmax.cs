using System.Runtime.CompilerServices;

namespace DeepLearningPipelines.Nn.Kernels;

/// <summary>Numerically stable softmax over one axis of a tensor viewed as <c>[outer, axis, inner]</c>.</summary>
internal static class Softmax
{
    /// <summary>Softmax along the middle dimension of <c>[outer, axisLength, inner]</c>; x and y may alias.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(ReadOnlySpan<float> x, Span<float> y, int outer, int axisLength, int inner)
    {
        for (int o = 0; o < outer; o++)
        {
            int baseIndex = o * axisLength * inner;
            for (int i = 0; i < inner; i++)
            {
                int start = baseIndex + i;
                float max = float.NegativeInfinity;
                for (int a = 0; a < axisLength; a++) max = Math.Max(max, x[start + a * inner]);
                double sum = 0;
                for (int a = 0; a < axisLength; a++)
                {
                    float e = MathF.Exp(x[start + a * inner] - max);
                    y[start + a * inner] = e;
                    sum += e;
                }
                float scale = (float)(1.0 / sum);
                for (int a = 0; a < axisLength; a++) y[start + a * inner] *= scale;
            }
        }
    }
}
