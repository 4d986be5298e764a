using System.Runtime.CompilerServices;

namespace DeepLearningPipelines.Nn.Kernels;

/// <summary>
/// Gradients of <see cref="Pooling"/>: max pooling routes each output's gradient to the first maximum of its
/// window (PyTorch's choice on ties); average pooling spreads it over the window with the forward pass's divisor.
/// The input gradient is added to (clear it first). Parallel over planes.
/// </summary>
internal static unsafe class PoolingBackward
{
    /// <summary>Max-pooling gradient of input <paramref name="x"/> added into <paramref name="dx"/>.</summary>
    public static void Max(in Pool2dGeometry g, float* x, float* dy, float* dx)
    {
        var geometry = g;
        nint px = (nint)x, pdy = (nint)dy, pdx = (nint)dx;
        Parallelism.For(g.Batch * g.Channels, (first, last) => MaxPlanes(geometry, first, last, (float*)px, (float*)pdy, (float*)pdx));
    }

    /// <summary>Average-pooling gradient added into <paramref name="dx"/>; <paramref name="countIncludePad"/> as in <see cref="Pooling.Average"/>.</summary>
    public static void Average(in Pool2dGeometry g, float* dy, float* dx, bool countIncludePad)
    {
        var geometry = g;
        nint pdy = (nint)dy, pdx = (nint)dx;
        Parallelism.For(g.Batch * g.Channels, (first, last) => AveragePlanes(geometry, first, last, (float*)pdy, (float*)pdx, countIncludePad));
    }

    /// <summary>Global-average gradient: every element of a plane gets its output's gradient / plane size (written, or added with <paramref name="accumulate"/>).</summary>
    public static void GlobalAverage(int planes, int planeSize, ReadOnlySpan<float> dy, Span<float> dx, bool accumulate)
    {
        for (int p = 0; p < planes; p++)
        {
            var plane = dx.Slice(p * planeSize, planeSize);
            float v = dy[p] / planeSize;
            if (accumulate) for (int i = 0; i < plane.Length; i++) plane[i] += v;
            else plane.Fill(v);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MaxPlanes(in Pool2dGeometry g, int first, int last, float* x, float* dy, float* dx)
    {
        int inPlane = g.InH * g.InW, outPlane = g.OutH * g.OutW;
        for (int p = first; p < last; p++)
        {
            float* xp = x + (long)p * inPlane, dxp = dx + (long)p * inPlane, dyp = dy + (long)p * outPlane;
            for (int oy = 0; oy < g.OutH; oy++)
            {
                int y0 = oy * g.StrideH - g.PadTop, ys = Math.Max(y0, 0), ye = Math.Min(y0 + g.KernelH, g.InH);
                for (int ox = 0; ox < g.OutW; ox++)
                {
                    int x0 = ox * g.StrideW - g.PadLeft, xs = Math.Max(x0, 0), xe = Math.Min(x0 + g.KernelW, g.InW);
                    if (ys >= ye || xs >= xe) continue;
                    int best = ys * g.InW + xs;
                    float max = xp[best];
                    for (int y = ys; y < ye; y++)
                        for (int xx = xs; xx < xe; xx++)
                        {
                            // Branch-free select: which element wins is data-dependent and unpredictable.
                            int at = y * g.InW + xx;
                            float v = xp[at];
                            bool better = v > max;
                            max = better ? v : max;
                            best = better ? at : best;
                        }
                    dxp[best] += dyp[oy * g.OutW + ox];
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AveragePlanes(in Pool2dGeometry g, int first, int last, float* dy, float* dx, bool countIncludePad)
    {
        int inPlane = g.InH * g.InW, outPlane = g.OutH * g.OutW;
        for (int p = first; p < last; p++)
        {
            float* dxp = dx + (long)p * inPlane, dyp = dy + (long)p * outPlane;
            for (int oy = 0; oy < g.OutH; oy++)
            {
                int y0 = oy * g.StrideH - g.PadTop, y1 = y0 + g.KernelH, ys = Math.Max(y0, 0), ye = Math.Min(y1, g.InH);
                int rows = countIncludePad ? Math.Min(y1, g.InH + g.PadBottom) - y0 : ye - ys;
                for (int ox = 0; ox < g.OutW; ox++)
                {
                    int x0 = ox * g.StrideW - g.PadLeft, x1 = x0 + g.KernelW, xs = Math.Max(x0, 0), xe = Math.Min(x1, g.InW);
                    int columns = countIncludePad ? Math.Min(x1, g.InW + g.PadRight) - x0 : xe - xs;
                    if (rows <= 0 || columns <= 0) continue;
                    float v = dyp[oy * g.OutW + ox] / (rows * columns);
                    for (int y = ys; y < ye; y++)
                        for (int xx = xs; xx < xe; xx++) dxp[y * g.InW + xx] += v;
                }
            }
        }
    }
}
