using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DeepLearningPipelines.Nn.Kernels;

/// <summary>
/// Direct depthwise convolution (one input channel per group, any channel multiplier) over NCHW data.
/// Each output row accumulates one weighted input row per kernel tap as a contiguous Vector256 axpy (stride-2
/// rows are split into even and odd columns first). Planes are distributed over the cores.
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

        // Row by row, so an output row stays in L1 across all taps. A stride-2 input row is first split into its
        // even and odd columns; every tap then reads one of them contiguously, like stride 1.
        int kw = g.KernelW, sw = g.StrideW, half = (g.InW + 1) / 2;
        int* oxBegin = stackalloc int[kw];
        int* oxEnd = stackalloc int[kw];
        for (int kx = 0; kx < kw; kx++)
        {
            int xOffset = kx * g.DilationW - g.PadLeft;
            oxBegin[kx] = Math.Clamp(CeilDiv(-xOffset, sw), 0, outW);
            oxEnd[kx] = Math.Clamp(CeilDiv(g.InW - xOffset, sw), oxBegin[kx], outW);
        }
        float[]? split = sw == 2 ? ArrayPool<float>.Shared.Rent(2 * half) : null;
        fixed (float* even = split)
        {
            float* odd = even + half;
            for (int oy = 0; oy < outH; oy++)
            {
                float* o = dst + (long)oy * outW;
                for (int ky = 0; ky < g.KernelH; ky++)
                {
                    int y = oy * g.StrideH + ky * g.DilationH - g.PadTop;
                    if ((uint)y >= (uint)g.InH) continue;
                    float* row = src + (long)y * g.InW;
                    if (sw == 2)
                        for (int x = 0; x < g.InW; x++) (((x & 1) == 0) ? even : odd)[x >> 1] = row[x];
                    for (int kx = 0; kx < kw; kx++)
                    {
                        float wv = w[ky * kw + kx];
                        int xOffset = kx * g.DilationW - g.PadLeft, begin = oxBegin[kx], count = oxEnd[kx] - begin;
                        if (sw == 1)
                        {
                            Axpy(wv, row + xOffset + begin, o + begin, count);
                        }
                        else if (sw == 2)
                        {
                            // Input column 2·ox + xOffset lives in (xOffset even ? even : odd)[ox + ⌊xOffset/2⌋].
                            float* lane = (xOffset & 1) == 0 ? even : odd;
                            Axpy(wv, lane + (xOffset >> 1) + begin, o + begin, count);
                        }
                        else
                        {
                            for (int ox = begin; ox < begin + count; ox++) o[ox] += wv * row[ox * sw + xOffset];
                        }
                    }
                }
            }
        }
        if (split is not null) ArrayPool<float>.Shared.Return(split);

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
