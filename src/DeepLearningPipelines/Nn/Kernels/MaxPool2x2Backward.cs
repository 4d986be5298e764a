using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeepLearningPipelines.Nn.Kernels;

/// <summary>
/// Gradient of the common 2×2, stride-2, unpadded max pooling. Its windows do not overlap, so every input element
/// belongs to at most one window and the gradient is written in one pass (no clearing, no scatter): an element gets
/// its window's output gradient when it is the window's first maximum in row-major order (the rule of
/// <see cref="PoolingBackward.Max"/>), else zero; elements of an odd last row or column belong to no window. Eight
/// input columns (four windows) of both rows at a time with AVX2.
/// </summary>
internal static unsafe class MaxPool2x2Backward
{
    /// <summary>Whether <paramref name="g"/> is a 2×2 stride-2 pooling without padding whose windows all lie inside the input.</summary>
    public static bool Applies(in Pool2dGeometry g) =>
        g is { KernelH: 2, KernelW: 2, StrideH: 2, StrideW: 2, PadTop: 0, PadLeft: 0, PadBottom: 0, PadRight: 0 }
        && g.OutH == g.InH / 2 && g.OutW == g.InW / 2;

    /// <summary>Writes (or, with <paramref name="accumulate"/>, adds) the input gradient into <paramref name="dx"/>.</summary>
    public static void Run(in Pool2dGeometry g, float* x, float* dy, float* dx, bool accumulate)
    {
        var geometry = g;
        nint px = (nint)x, pdy = (nint)dy, pdx = (nint)dx;
        Parallelism.For(g.Batch * g.Channels, (first, last) => Planes(geometry, first, last, (float*)px, (float*)pdy, (float*)pdx, accumulate));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Planes(in Pool2dGeometry g, int first, int last, float* x, float* dy, float* dx, bool accumulate)
    {
        int inW = g.InW, inPlane = g.InH * inW, outH = g.OutH, outW = g.OutW, outPlane = outH * outW;
        // Vector windows: four at a time while their eight columns lie inside the covered width.
        int vectorWindows = Avx2.IsSupported ? outW / 4 * 4 : 0;
        for (int p = first; p < last; p++)
        {
            float* xp = x + (long)p * inPlane, dxp = dx + (long)p * inPlane, dyp = dy + (long)p * outPlane;
            for (int oy = 0; oy < outH; oy++)
            {
                float* top = xp + 2 * oy * inW, bottom = top + inW;
                float* dTop = dxp + 2 * oy * inW, dBottom = dTop + inW;
                float* grads = dyp + oy * outW;
                int ox = 0;
                for (; ox < vectorWindows; ox += 4)
                    Vector(top + 2 * ox, bottom + 2 * ox, grads + ox, dTop + 2 * ox, dBottom + 2 * ox, accumulate);
                for (; ox < outW; ox++)
                    Scalar(top + 2 * ox, bottom + 2 * ox, grads[ox], dTop + 2 * ox, dBottom + 2 * ox, accumulate);
                if (inW > 2 * outW && !accumulate) dTop[inW - 1] = dBottom[inW - 1] = 0f;
            }
            if (g.InH > 2 * outH && !accumulate) new Span<float>(dxp + (long)(g.InH - 1) * inW, inW).Clear();
        }
    }

    /// <summary>Four windows: columns 0–7 of the top and bottom rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Vector(float* top, float* bottom, float* grads, float* dTop, float* dBottom, bool accumulate)
    {
        var a = Avx.LoadVector256(top);
        var b = Avx.LoadVector256(bottom);
        // The window neighbour in the same row: lanes (0,1), (2,3)… swapped.
        var aPair = Avx.Permute(a, 0b10_11_00_01);
        var bPair = Avx.Permute(b, 0b10_11_00_01);
        // Even lanes are a window's left column. In row-major order a top element precedes both bottom ones and a
        // left element its right neighbour: an earlier element wins ties (≥), a later one must be strictly greater.
        var left = Vector256.Create(-1, 0, -1, 0, -1, 0, -1, 0).AsSingle();
        var topWins = Avx.And(Avx.BlendVariable(Avx.CompareGreaterThan(a, aPair), Avx.CompareGreaterThanOrEqual(a, aPair), left),
            Avx.And(Avx.CompareGreaterThanOrEqual(a, b), Avx.CompareGreaterThanOrEqual(a, bPair)));
        var bottomWins = Avx.And(Avx.BlendVariable(Avx.CompareGreaterThan(b, bPair), Avx.CompareGreaterThanOrEqual(b, bPair), left),
            Avx.And(Avx.CompareGreaterThan(b, a), Avx.CompareGreaterThan(b, aPair)));
        // Each of the four window gradients on its two columns.
        var g = Avx2.PermuteVar8x32(Vector256.Create(Sse.LoadVector128(grads), Vector128<float>.Zero), Vector256.Create(0, 0, 1, 1, 2, 2, 3, 3));
        var t = Avx.And(topWins, g);
        var u = Avx.And(bottomWins, g);
        if (accumulate)
        {
            t = Avx.Add(t, Avx.LoadVector256(dTop));
            u = Avx.Add(u, Avx.LoadVector256(dBottom));
        }
        Avx.Store(dTop, t);
        Avx.Store(dBottom, u);
    }

    /// <summary>One window: columns 0–1 of the top and bottom rows.</summary>
    private static void Scalar(float* top, float* bottom, float grad, float* dTop, float* dBottom, bool accumulate)
    {
        int best = 0;
        float max = top[0];
        if (top[1] > max) (best, max) = (1, top[1]);
        if (bottom[0] > max) (best, max) = (2, bottom[0]);
        if (bottom[1] > max) best = 3;
        if (!accumulate) dTop[0] = dTop[1] = dBottom[0] = dBottom[1] = 0f;
        (best < 2 ? dTop : dBottom)[best & 1] += grad;
    }
}
