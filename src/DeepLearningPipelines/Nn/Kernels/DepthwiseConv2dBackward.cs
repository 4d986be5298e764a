using System.Runtime.CompilerServices;

namespace DeepLearningPipelines.Nn.Kernels;

/// <summary>
/// Gradients of a depthwise convolution (one input channel per group, any channel multiplier), computed directly:
/// for each kernel tap, a dot product of output-gradient rows with input rows (weight gradient) and a scaled add of
/// output-gradient rows into input-gradient rows. Parallel over input channels, each channel's sums in a fixed order.
/// </summary>
internal static unsafe class DepthwiseConv2dBackward
{
    /// <summary>Adds the input gradient into <paramref name="dx"/> (null: not needed); writes or adds the weight gradient into <paramref name="dw"/> (null: not needed).</summary>
    public static void Run(in Conv2dGeometry g, float* x, float* w, float* dy, float* dx, float* dw, bool accumulateW)
    {
        var geometry = g;
        nint px = (nint)x, pw = (nint)w, pdy = (nint)dy, pdx = (nint)dx, pdw = (nint)dw;
        Parallelism.For(g.InChannels, (first, last) =>
        {
            for (int c = first; c < last; c++) Channel(geometry, c, (float*)px, (float*)pw, (float*)pdy, (float*)pdx, (float*)pdw, accumulateW);
        });
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Channel(in Conv2dGeometry g, int c, float* x, float* w, float* dy, float* dx, float* dw, bool accumulateW)
    {
        int multiplier = g.GroupOutChannels, taps = g.KernelH * g.KernelW;
        int inPlane = g.InH * g.InW, outPlane = g.OutH * g.OutW, outW = g.OutW;
        Span<double> sums = stackalloc double[taps];
        for (int m = 0; m < multiplier; m++)
        {
            int oc = c * multiplier + m;
            sums.Clear();
            for (int n = 0; n < g.Batch; n++)
            {
                float* xPlane = x + ((long)n * g.InChannels + c) * inPlane;
                float* dxPlane = dx == null ? null : dx + ((long)n * g.InChannels + c) * inPlane;
                float* dyPlane = dy + ((long)n * g.OutChannels + oc) * outPlane;
                for (int ky = 0; ky < g.KernelH; ky++)
                {
                    for (int kx = 0; kx < g.KernelW; kx++)
                    {
                        int xOffset = kx * g.DilationW - g.PadLeft;
                        int oxBegin = Math.Clamp(CeilDiv(-xOffset, g.StrideW), 0, outW);
                        int oxEnd = Math.Clamp(CeilDiv(g.InW - xOffset, g.StrideW), oxBegin, outW);
                        int count = oxEnd - oxBegin;
                        if (count <= 0) continue;
                        float weight = w[(long)oc * taps + ky * g.KernelW + kx];
                        double sum = 0;
                        for (int oy = 0; oy < g.OutH; oy++)
                        {
                            int y = oy * g.StrideH + ky * g.DilationH - g.PadTop;
                            if ((uint)y >= (uint)g.InH) continue;
                            float* dyRow = dyPlane + (long)oy * outW + oxBegin;
                            long xStart = (long)y * g.InW + oxBegin * g.StrideW + xOffset;
                            if (g.StrideW == 1)
                            {
                                if (dw != null) sum += ElementwiseGrad.Dot(new ReadOnlySpan<float>(dyRow, count), new ReadOnlySpan<float>(xPlane + xStart, count));
                                if (dxPlane != null) ElementwiseGrad.StoreScaled(new ReadOnlySpan<float>(dyRow, count), weight, new Span<float>(dxPlane + xStart, count), accumulate: true);
                            }
                            else
                            {
                                float partial = 0;
                                for (int i = 0; i < count; i++)
                                {
                                    long at = xStart + (long)i * g.StrideW;
                                    partial += dyRow[i] * xPlane[at];
                                    if (dxPlane != null) dxPlane[at] += weight * dyRow[i];
                                }
                                sum += partial;
                            }
                        }
                        sums[ky * g.KernelW + kx] += sum;
                    }
                }
            }
            if (dw == null) continue;
            for (int t = 0; t < taps; t++)
            {
                float* target = dw + (long)oc * taps + t;
                *target = accumulateW ? *target + (float)sums[t] : (float)sums[t];
            }
        }
    }

    private static int CeilDiv(int a, int b) => a >= 0 ? (a + b - 1) / b : -(-a / b);
}
