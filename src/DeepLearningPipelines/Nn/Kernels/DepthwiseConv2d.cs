using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DeepLearningPipelines.Nn.Kernels;

/// <summary>
/// Direct depthwise convolution (one input channel per group, any channel multiplier) over NCHW data.
/// Each output plane accumulates one weighted input row per kernel tap; with stride 1 the row update is a
/// contiguous Vector256 axpy. Planes are distributed over the cores.
/// </summary>
internal static unsafe class DepthwiseConv2d
{
    /// <summary>Computes <c>output = clamp(depthwiseConv(input, weights) + bias + residual, min, max)</c>; bias and residual may be null.</summary>
    public static void Run(in Conv2dGeometry g, float* input, float* weights, float* bias, float* output, float min, float max, float* residual = null)
    {
        var geom = g;
        nint inPtr = (nint)input, wPtr = (nint)weights, bPtr = (nint)bias, oPtr = (nint)output, rPtr = (nint)residual;
        int planes = g.Batch * g.OutChannels;
        long work = g.Macs;
        if (work < 1 << 17)
        {
            for (int p = 0; p < planes; p++) Plane(geom, p, (float*)inPtr, (float*)wPtr, (float*)bPtr, (float*)oPtr, min, max, (float*)rPtr);
            return;
        }
        Parallelism.For(planes, (first, last) =>
        {
            for (int p = first; p < last; p++) Plane(geom, p, (float*)inPtr, (float*)wPtr, (float*)bPtr, (float*)oPtr, min, max, (float*)rPtr);
        });
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Plane(in Conv2dGeometry g, int planeIndex, float* input, float* weights, float* bias, float* output, float min, float max, float* residual)
    {
        int n = planeIndex / g.OutChannels, oc = planeIndex % g.OutChannels;
        int multiplier = g.OutChannels / g.InChannels, ic = oc / multiplier;
        int outH = g.OutH, outW = g.OutW;
        float* src = input + ((long)n * g.InChannels + ic) * g.InH * g.InW;
        float* dst = output + ((long)n * g.OutChannels + oc) * outH * outW;
        float* w = weights + (long)oc * g.KernelH * g.KernelW;
        new Span<float>(dst, outH * outW).Fill(bias == null ? 0f : bias[oc]);

        for (int ky = 0; ky < g.KernelH; ky++)
        {
            for (int kx = 0; kx < g.KernelW; kx++)
            {
                float wv = w[ky * g.KernelW + kx];
                int xOffset = kx * g.DilationW - g.PadLeft;
                int oxBegin = Math.Clamp(CeilDiv(-xOffset, g.StrideW), 0, outW);
                int oxEnd = Math.Clamp(CeilDiv(g.InW - xOffset, g.StrideW), oxBegin, outW);
                for (int oy = 0; oy < outH; oy++)
                {
                    int y = oy * g.StrideH + ky * g.DilationH - g.PadTop;
                    if ((uint)y >= (uint)g.InH) continue;
                    float* row = src + (long)y * g.InW + xOffset;
                    float* o = dst + (long)oy * outW;
                    if (g.StrideW == 1) Axpy(wv, row + oxBegin, o + oxBegin, oxEnd - oxBegin);
                    else for (int ox = oxBegin; ox < oxEnd; ox++) o[ox] += wv * row[ox * g.StrideW];
                }
            }
        }

        if (residual != null)
        {
            float* r = residual + ((long)n * g.OutChannels + oc) * outH * outW;
            Axpy(1f, r, dst, outH * outW);
        }
        if (min != float.NegativeInfinity || max != float.PositiveInfinity)
        {
            var span = new Span<float>(dst, outH * outW);
            Activations.Apply(ActivationKind.Clip, span, span, min, max);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Axpy(float a, float* x, float* y, int count)
    {
        int i = 0;
        var av = Vector256.Create(a);
        for (; i <= count - 8; i += 8)
            Vector256.Store(Vector256.FusedMultiplyAdd(av, Vector256.Load(x + i), Vector256.Load(y + i)), y + i);
        for (; i < count; i++) y[i] = MathF.FusedMultiplyAdd(a, x[i], y[i]);
    }

    private static int CeilDiv(int a, int b) => a >= 0 ? (a + b - 1) / b : -(-a / b);
}
