using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeepLearningPipelines.Nn.Kernels;

/// <summary>
/// Direct depthwise convolution (one input channel per group, any channel multiplier) over NCHW data, planes
/// distributed over the cores. A plane is copied into a zero-bordered scratch plane and each output row computed as
/// whole vectors (stride 1, and narrow strided rows), or each output row accumulates one weighted input row per
/// kernel tap as a contiguous Vector256 axpy (wide strided rows; stride-2 rows are split into even and odd columns first).
/// </summary>
internal static unsafe class DepthwiseConv2d
{
    private const int Lanes = 8;

    /// <summary>Strided output rows narrower than this take <see cref="PaddedPlane"/>.</summary>
    private const int NarrowWidth = 32;

    /// <summary>
    /// Whether planes go through <see cref="PaddedPlane"/>: always at stride 1; at larger strides only for narrow rows,
    /// where the row path's vectors would leave most columns to its scalar border code (wide strided rows take the row
    /// path, which reads each input once instead of computing the skipped columns).
    /// </summary>
    private static bool UsesPaddedPlanes(in Conv2dGeometry g) => g.StrideW == 1 || g.OutW < NarrowWidth;

    /// <summary>Computes <c>output = clamp(depthwiseConv(input, weights) + bias + residual, min, max)</c>; bias and residual may be null.</summary>
    public static void Run(in Conv2dGeometry g, float* input, float* weights, float* bias, float* output, float min, float max, float* residual = null)
    {
        var geom = g;
        nint inPtr = (nint)input, wPtr = (nint)weights, bPtr = (nint)bias, oPtr = (nint)output, rPtr = (nint)residual;
        int planes = g.Batch * g.OutChannels;
        if (g.Macs < 1 << 17) Planes(geom, 0, planes, input, weights, bias, output, min, max, residual);
        else Parallelism.For(planes, (first, last) => Planes(geom, first, last, (float*)inPtr, (float*)wPtr, (float*)bPtr, (float*)oPtr, min, max, (float*)rPtr));
    }

    private static void Planes(in Conv2dGeometry g, int first, int last, float* input, float* weights, float* bias, float* output, float min, float max, float* residual)
    {
        if (!UsesPaddedPlanes(g))
        {
            for (int p = first; p < last; p++) Plane(g, p, input, weights, bias, output, min, max, residual);
            return;
        }
        var layout = new PaddedLayout(g);
        float[] rented = ArrayPool<float>.Shared.Rent(layout.ScratchLength);
        fixed (float* scratch = rented)
        {
            // The zero border (and the overhang past the plane) is cleared once; each plane only rewrites the interior.
            new Span<float>(scratch, layout.ScratchLength).Clear();
            for (int p = first; p < last; p++) PaddedPlane(g, layout, p, input, weights, bias, output, min, max, residual, scratch);
        }
        ArrayPool<float>.Shared.Return(rented);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Plane(in Conv2dGeometry g, int planeIndex, float* input, float* weights, float* bias, float* output, float min, float max, float* residual)
    {
        int n = planeIndex / g.OutChannels, oc = planeIndex % g.OutChannels;
        int multiplier = g.OutChannels / g.InChannels, ic = oc / multiplier;
        int outH = g.OutH, outW = g.OutW, kh = g.KernelH, kw = g.KernelW, sw = g.StrideW;
        float* src = input + ((long)n * g.InChannels + ic) * g.InH * g.InW;
        float* dst = output + ((long)n * g.OutChannels + oc) * outH * outW;
        float* res = residual == null ? null : residual + ((long)n * g.OutChannels + oc) * outH * outW;
        float* w = weights + (long)oc * kh * kw;
        float b = bias == null ? 0f : bias[oc];

        // Output columns [oxBegin[kx], oxEnd[kx]) read inside the image for tap column kx; [lo, hi) for all of them.
        int* oxBegin = stackalloc int[kw];
        int* oxEnd = stackalloc int[kw];
        int lo = 0, hi = outW;
        for (int kx = 0; kx < kw; kx++)
        {
            int xOffset = kx * g.DilationW - g.PadLeft;
            oxBegin[kx] = Math.Clamp(CeilDiv(-xOffset, sw), 0, outW);
            oxEnd[kx] = Math.Clamp(CeilDiv(g.InW - xOffset, sw), oxBegin[kx], outW);
            lo = Math.Max(lo, oxBegin[kx]);
            hi = Math.Min(hi, oxEnd[kx]);
        }
        hi = Math.Max(hi, lo);

        // Each tap reads lane[ox] for output column ox: the input row shifted by the tap's column offset, from the
        // even/odd split of the row when the stride is 2 (so the read is contiguous), else the row itself.
        int half = (g.InW + 1) / 2;
        float[]? split = sw == 2 ? ArrayPool<float>.Shared.Rent(2 * half * kh) : null;
        float** lanes = stackalloc float*[kh * kw];
        float* tapWeights = stackalloc float[kh * kw];
        int* tapColumn = stackalloc int[kh * kw];
        fixed (float* splitBase = split)
        {
            for (int oy = 0; oy < outH; oy++)
            {
                int taps = 0;
                for (int ky = 0; ky < kh; ky++)
                {
                    int y = oy * g.StrideH + ky * g.DilationH - g.PadTop;
                    if ((uint)y >= (uint)g.InH) continue;
                    float* row = src + (long)y * g.InW;
                    float* even = splitBase + 2L * half * ky, odd = even + half;
                    if (sw == 2) Deinterleave(row, g.InW, even, odd);
                    for (int kx = 0; kx < kw; kx++, taps++)
                    {
                        int xOffset = kx * g.DilationW - g.PadLeft;
                        lanes[taps] = sw == 1 ? row + xOffset : sw == 2 ? ((xOffset & 1) == 0 ? even : odd) + (xOffset >> 1) : row + xOffset;
                        tapWeights[taps] = w[ky * kw + kx];
                        tapColumn[taps] = kx;
                    }
                }
                float* o = dst + (long)oy * outW;
                float* r = res == null ? null : res + (long)oy * outW;
                int ox = 0;
                for (; ox < lo; ox++) o[ox] = Edge(ox, taps, lanes, tapWeights, tapColumn, oxBegin, oxEnd, sw, b, r, min, max);
                if (sw <= 2)
                {
                    var bv = Vector256.Create(b);
                    var lov = Vector256.Create(min);
                    var hiv = Vector256.Create(max);
                    // Four independent accumulators hide the FMA latency of the tap chain.
                    for (; ox <= hi - 32; ox += 32)
                    {
                        Vector256<float> a0 = bv, a1 = bv, a2 = bv, a3 = bv;
                        for (int t = 0; t < taps; t++)
                        {
                            var wt = Vector256.Create(tapWeights[t]);
                            float* lane = lanes[t] + ox;
                            a0 = Vector256.FusedMultiplyAdd(wt, Vector256.Load(lane), a0);
                            a1 = Vector256.FusedMultiplyAdd(wt, Vector256.Load(lane + 8), a1);
                            a2 = Vector256.FusedMultiplyAdd(wt, Vector256.Load(lane + 16), a2);
                            a3 = Vector256.FusedMultiplyAdd(wt, Vector256.Load(lane + 24), a3);
                        }
                        if (r != null)
                        {
                            a0 += Vector256.Load(r + ox); a1 += Vector256.Load(r + ox + 8);
                            a2 += Vector256.Load(r + ox + 16); a3 += Vector256.Load(r + ox + 24);
                        }
                        FastMath.Clamp(a0, lov, hiv).Store(o + ox);
                        FastMath.Clamp(a1, lov, hiv).Store(o + ox + 8);
                        FastMath.Clamp(a2, lov, hiv).Store(o + ox + 16);
                        FastMath.Clamp(a3, lov, hiv).Store(o + ox + 24);
                    }
                    // The rest of [lo, hi) in steps of 8, the last one masked (so nothing past hi is read and each
                    // output, whose residual may be in the output buffer itself, is written once).
                    while (ox < hi && Avx.IsSupported)
                    {
                        int valid = Math.Min(Lanes, hi - ox);
                        var acc = bv;
                        for (int t = 0; t < taps; t++) acc = Vector256.FusedMultiplyAdd(Vector256.Create(tapWeights[t]), FastMath.LoadFirst(lanes[t] + ox, valid), acc);
                        if (r != null) acc += FastMath.LoadFirst(r + ox, valid);
                        FastMath.StoreFirst(o + ox, valid, FastMath.Clamp(acc, lov, hiv));
                        ox += valid;
                    }
                }
                for (; ox < outW; ox++) o[ox] = Edge(ox, taps, lanes, tapWeights, tapColumn, oxBegin, oxEnd, sw, b, r, min, max);
            }
        }
        if (split is not null) ArrayPool<float>.Shared.Return(split);
    }

    /// <summary>
    /// Scratch layout of <see cref="PaddedPlane"/>: the zero-bordered plane, then the columns the vector reads reach
    /// past it, then one stride-1 output row of <see cref="Span"/> columns (whole vectors: the output row rounded up to
    /// whole vectors, times the stride).
    /// </summary>
    private readonly struct PaddedLayout(in Conv2dGeometry g)
    {
        public readonly int PaddedW = g.PadLeft + g.InW + g.PadRight, PaddedH = g.PadTop + g.InH + g.PadBottom;
        public readonly int Span = (g.OutW + Lanes - 1) / Lanes * Lanes * g.StrideW;
        public int RowOffset => PaddedH * PaddedW + Span + (KernelW - 1) * DilationW;
        public int ScratchLength => RowOffset + Span;
        private readonly int KernelW = g.KernelW, DilationW = g.DilationW;
    }

    /// <summary>
    /// One plane copied into the zero-bordered <paramref name="scratch"/>: every tap is then a plain shifted read, and
    /// each output row is computed at stride 1 as whole vectors (the columns a stride skips, and the few past the
    /// row's end, are computed and dropped), with no border cases.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PaddedPlane(in Conv2dGeometry g, in PaddedLayout layout, int planeIndex, float* input, float* weights, float* bias, float* output,
        float min, float max, float* residual, float* scratch)
    {
        int n = planeIndex / g.OutChannels, oc = planeIndex % g.OutChannels, ic = oc / (g.OutChannels / g.InChannels);
        int outH = g.OutH, outW = g.OutW, kh = g.KernelH, kw = g.KernelW, paddedW = layout.PaddedW, span = layout.Span;
        float* padded = scratch, row = scratch + layout.RowOffset;
        float* src = input + ((long)n * g.InChannels + ic) * g.InH * g.InW;
        ZeroBorderedPlane.CopyRows(g, src, padded, paddedW, 0, g.InH);
        float* w = weights + (long)oc * kh * kw;
        float b = bias == null ? 0f : bias[oc];
        float* dst = output + ((long)n * g.OutChannels + oc) * outH * outW;
        float* res = residual == null ? null : residual + ((long)n * g.OutChannels + oc) * outH * outW;
        bool threeByThree = kh == 3 && kw == 3;
        Vector256<float> w0 = default, w1 = default, w2 = default, w3 = default, w4 = default, w5 = default, w6 = default, w7 = default, w8 = default;
        if (threeByThree)
        {
            w0 = Vector256.Create(w[0]); w1 = Vector256.Create(w[1]); w2 = Vector256.Create(w[2]);
            w3 = Vector256.Create(w[3]); w4 = Vector256.Create(w[4]); w5 = Vector256.Create(w[5]);
            w6 = Vector256.Create(w[6]); w7 = Vector256.Create(w[7]); w8 = Vector256.Create(w[8]);
        }
        int dy = g.DilationH * paddedW, dx = g.DilationW;
        for (int oy = 0; oy < outH; oy++)
        {
            float* top = padded + (long)oy * g.StrideH * paddedW;
            for (int x = 0; x < span; x += Lanes)
            {
                Vector256<float> acc;
                if (threeByThree)
                {
                    // The 3×3 taps with their weights in registers: two chains hide the FMA latency.
                    float* t0 = top + x, t1 = t0 + dy, t2 = t1 + dy;
                    var a = Vector256.FusedMultiplyAdd(w0, Vector256.Load(t0), Vector256.FusedMultiplyAdd(w1, Vector256.Load(t0 + dx), w2 * Vector256.Load(t0 + 2 * dx)));
                    var c = Vector256.FusedMultiplyAdd(w3, Vector256.Load(t1), Vector256.FusedMultiplyAdd(w4, Vector256.Load(t1 + dx), w5 * Vector256.Load(t1 + 2 * dx)));
                    acc = a + Vector256.FusedMultiplyAdd(w6, Vector256.Load(t2), Vector256.FusedMultiplyAdd(w7, Vector256.Load(t2 + dx), Vector256.FusedMultiplyAdd(w8, Vector256.Load(t2 + 2 * dx), c)));
                }
                else
                {
                    acc = Vector256<float>.Zero;
                    for (int ky = 0; ky < kh; ky++)
                    {
                        float* tapRow = top + (long)ky * dy + x;
                        for (int kx = 0; kx < kw; kx++)
                            acc = Vector256.FusedMultiplyAdd(Vector256.Create(w[ky * kw + kx]), Vector256.Load(tapRow + kx * dx), acc);
                    }
                }
                acc.Store(row + x);
            }
            float* o = dst + (long)oy * outW;
            float* r = res == null ? null : res + (long)oy * outW;
            if (g.StrideW <= 2 && Avx2.IsSupported)
            {
                for (int ox = 0; ox < outW; ox += Lanes)
                {
                    int valid = Math.Min(Lanes, outW - ox);
                    var v = g.StrideW == 1 ? Vector256.Load(row + ox) : FastMath.Evens(Vector256.Load(row + 2 * ox), Vector256.Load(row + 2 * ox + Lanes));
                    v += Vector256.Create(b);
                    if (r != null) v += FastMath.LoadFirst(r + ox, valid);
                    FastMath.StoreFirst(o + ox, valid, FastMath.Clamp(v, Vector256.Create(min), Vector256.Create(max)));
                }
                continue;
            }
            for (int ox = 0; ox < outW; ox++)
                o[ox] = FastMath.Clamp(row[ox * g.StrideW] + b + (r == null ? 0f : r[ox]), min, max);
        }
    }

    /// <summary>One output value, skipping taps that fall in the padding.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Edge(int ox, int taps, float** lanes, float* tapWeights, int* tapColumn, int* oxBegin, int* oxEnd, int stride, float bias, float* residual, float min, float max)
    {
        float sum = bias;
        for (int t = 0; t < taps; t++)
        {
            int kx = tapColumn[t];
            if (ox < oxBegin[kx] || ox >= oxEnd[kx]) continue;
            sum += tapWeights[t] * (stride <= 2 ? lanes[t][ox] : lanes[t][ox * stride]);
        }
        if (residual != null) sum += residual[ox];
        return FastMath.Clamp(sum, min, max);
    }

    /// <summary>Splits a row into its even and odd columns.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Deinterleave(float* row, int width, float* even, float* odd)
    {
        int x = 0;
        var order = Vector256.Create(0, 2, 4, 6, 1, 3, 5, 7);
        for (; x <= width - 16; x += 16)
        {
            var a = Vector256.Shuffle(Vector256.Load(row + x), order);
            var c = Vector256.Shuffle(Vector256.Load(row + x + 8), order);
            Vector256.Create(a.GetLower(), c.GetLower()).Store(even + x / 2);
            Vector256.Create(a.GetUpper(), c.GetUpper()).Store(odd + x / 2);
        }
        for (; x < width; x++)
        {
            if ((x & 1) == 0) even[x >> 1] = row[x];
            else odd[x >> 1] = row[x];
        }
    }

    private static int CeilDiv(int a, int b) => a >= 0 ? (a + b - 1) / b : -(-a / b);
}
