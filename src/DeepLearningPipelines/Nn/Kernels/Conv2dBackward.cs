using System.Buffers;

namespace DeepLearningPipelines.Nn.Kernels;

/// <summary>
/// Gradients of a 2-D convolution (<see cref="Conv2d"/>) from the output's gradient dY. Per image and group,
/// the weight gradient is <c>dW += dY·col(X)ᵀ</c> (im2col, then a GEMM that reads the unfolded matrix transposed; for
/// short patches such as a one-channel first layer's, <c>dWᵀ += col(X)·dYᵀ</c>, transposed once per run) and
/// the input gradient is <c>col2im(Wᵀ·dY)</c> (a plain GEMM straight into dX for pointwise convolutions), or, for
/// stride-1 ungrouped convolutions, the forward convolution of dY with the flipped kernel (Winograd for 3×3); depthwise
/// convolutions go to <see cref="DepthwiseConv2dBackward"/>. The batch is split into a number of runs that depends
/// only on the shapes; each run sums its images' weight gradients in order into its own buffer and the runs are
/// added in order, so the result is the same for any thread count.
/// </summary>
internal static unsafe class Conv2dBackward
{
    /// <summary>At most this many floats of per-run weight-gradient buffers.</summary>
    private const int PartialFloats = 1 << 22;
    private const int MaxRuns = 16;

    /// <summary>
    /// Adds the input gradient into <paramref name="dx"/> (null: not needed); writes (or, with
    /// <paramref name="accumulateW"/>, adds) the weight gradient into <paramref name="dw"/> and the bias gradient into
    /// <paramref name="db"/> (either may be null).
    /// </summary>
    public static void Run(in Conv2dGeometry g, float* x, float* w, float* dy, float* dx, float* dw, bool accumulateW, float* db, bool accumulateB)
    {
        if (db != null) BiasGradient(g.Batch, g.OutChannels, g.OutH * g.OutW, dy, db, accumulateB);
        if (g.IsDepthwise)
        {
            DepthwiseConv2dBackward.Run(g, x, w, dy, dx, dw, accumulateW);
            return;
        }
        if (dx != null && TransposesToConvolution(g))
        {
            InputGradientByConvolution(g, w, dy, dx);
            dx = null;
        }
        if (dw == null && dx == null) return;
        int weights = g.OutChannels * g.PatchSize;
        int runs = dw == null ? Math.Min(g.Batch, MaxRuns) : Math.Clamp(Math.Min(Math.Min(g.Batch, MaxRuns), PartialFloats / Math.Max(weights, 1)), 1, g.Batch);
        // One run writing dW directly needs no partial buffer.
        bool direct = dw == null || (runs == 1 && !accumulateW);
        float[]? partials = direct ? null : ArrayPool<float>.Shared.Rent(runs * weights);
        try
        {
            fixed (float* partial = partials)
            {
                var geometry = g;
                nint px = (nint)x, pw = (nint)w, pdy = (nint)dy, pdx = (nint)dx, pdw = (nint)(direct ? dw : partial);
                int threads = Parallelism.MaxThreads;
                if (runs > 1 && threads > 1)
                {
                    Parallel.For(0, runs, new ParallelOptions { MaxDegreeOfParallelism = threads }, r =>
                        RunImages(geometry, r, runs, (float*)px, (float*)pw, (float*)pdy, (float*)pdx, pdw == 0 ? null : (float*)pdw + (long)r * weights, parallelGemm: false));
                }
                else
                {
                    for (int r = 0; r < runs; r++)
                        RunImages(g, r, runs, x, w, dy, dx, pdw == 0 ? null : (float*)pdw + (long)r * weights, parallelGemm: true);
                }
                if (!direct && dw != null) SumPartials(partial, runs, weights, dw, accumulateW);
            }
        }
        finally
        {
            if (partials is not null) ArrayPool<float>.Shared.Return(partials);
        }
    }

    /// <summary>Images of run <paramref name="run"/> of <paramref name="runs"/>: their weight gradients summed in order into <paramref name="dw"/> (overwritten).</summary>
    private static void RunImages(in Conv2dGeometry g, int run, int runs, float* x, float* w, float* dy, float* dx, float* dw, bool parallelGemm)
    {
        int first = (int)((long)g.Batch * run / runs), last = (int)((long)g.Batch * (run + 1) / runs);
        int inPlane = g.InH * g.InW, outPlane = g.OutH * g.OutW, groupIn = g.GroupInChannels, groupOut = g.GroupOutChannels, patch = g.PatchSize;
        long inImage = (long)g.InChannels * inPlane, outImage = (long)g.OutChannels * outPlane;
        bool pointwise = g.IsPointwise;
        int scratch = pointwise ? 0 : checked(patch * outPlane);
        float[]? colArray = scratch > 0 && dw != null ? ArrayPool<float>.Shared.Rent(scratch) : null;
        float[]? dColArray = scratch > 0 && dx != null ? ArrayPool<float>.Shared.Rent(scratch) : null;
        bool transposed = dw != null && PrefersTransposedWeightGradient(groupOut, patch);
        float[]? dwTArray = transposed ? ArrayPool<float>.Shared.Rent(g.Groups * groupOut * patch) : null;
        try
        {
            fixed (float* col = colArray, dCol = dColArray, dwT = dwTArray)
            {
                for (int n = first; n < last; n++)
                {
                    for (int grp = 0; grp < g.Groups; grp++)
                    {
                        float* xg = x + n * inImage + (long)grp * groupIn * inPlane;
                        float* dyg = dy + n * outImage + (long)grp * groupOut * outPlane;
                        float* wg = w + (long)grp * groupOut * patch;
                        var dyMatrix = new MatrixRef(dyg, outPlane);
                        if (dw != null)
                        {
                            float* unfolded = xg;
                            if (!pointwise)
                            {
                                Im2Col.Unfold(g, groupIn, xg, col, 0, g.OutH);
                                unfolded = col;
                            }
                            var ep = new GemmEpilogue(null, BiasKind.None, accumulate: n > first);
                            if (transposed)
                            {
                                // dWᵀ[patch, groupOut] (+)= col[patch, plane] · dY[groupOut, plane]ᵀ.
                                Sgemm.Multiply(patch, groupOut, outPlane, new MatrixRef(unfolded, outPlane), new MatrixRef(dyg, 1, outPlane),
                                    dwT + (long)grp * groupOut * patch, groupOut, ep, parallelGemm);
                            }
                            else
                            {
                                // dW[groupOut, patch] (+)= dY[groupOut, plane] · col[patch, plane]ᵀ.
                                Sgemm.Multiply(groupOut, patch, outPlane, dyMatrix, new MatrixRef(unfolded, 1, outPlane), dw + (long)grp * groupOut * patch, patch, ep, parallelGemm);
                            }
                        }
                        if (dx != null)
                        {
                            // dCol[patch, plane] = W[groupOut, patch]ᵀ · dY[groupOut, plane]; pointwise: straight into dX.
                            float* dxg = dx + n * inImage + (long)grp * groupIn * inPlane;
                            var wT = new MatrixRef(wg, 1, patch);
                            if (pointwise)
                                Sgemm.Multiply(patch, outPlane, groupOut, wT, dyMatrix, dxg, outPlane, new GemmEpilogue(null, BiasKind.None, accumulate: true), parallelGemm);
                            else
                            {
                                Sgemm.Multiply(patch, outPlane, groupOut, wT, dyMatrix, dCol, outPlane, GemmEpilogue.None, parallelGemm);
                                Col2Im.Fold(g, groupIn, dCol, dxg);
                            }
                        }
                    }
                }
                if (transposed)
                    for (int grp = 0; grp < g.Groups; grp++)
                    {
                        float* source = dwT + (long)grp * groupOut * patch, target = dw + (long)grp * groupOut * patch;
                        for (int o = 0; o < groupOut; o++)
                            for (int t = 0; t < patch; t++) target[o * patch + t] = source[t * groupOut + o];
                    }
            }
        }
        finally
        {
            if (colArray is not null) ArrayPool<float>.Shared.Return(colArray);
            if (dColArray is not null) ArrayPool<float>.Shared.Return(dColArray);
            if (dwTArray is not null) ArrayPool<float>.Shared.Return(dwTArray);
        }
    }

    /// <summary>
    /// Whether the weight-gradient GEMM wastes less of the micro-kernel tiles as <c>dWᵀ = col·dYᵀ</c> (patch rows,
    /// output-channel columns) than as <c>dW = dY·colᵀ</c>: when the patch is short, as in a one-channel first layer
    /// (9 columns of a 16- or 32-wide tile, against 9 of 8-row panels).
    /// </summary>
    private static bool PrefersTransposedWeightGradient(int outChannels, int patch)
    {
        int width = SimdWidth.Current, mr = Sgemm.PanelRows(width), nr = width == 512 ? SgemmKernel512.NR : SgemmKernel256.NR;
        static long Padded(int n, int unit) => (long)(n + unit - 1) / unit * unit;
        return Padded(patch, mr) * Padded(outChannels, nr) < Padded(outChannels, mr) * Padded(patch, nr);
    }

    /// <summary>
    /// Whether the input gradient is itself a "full" convolution of dY with the flipped, transposed kernel that the
    /// forward kernels run (stride 1, no dilation, one group, pads below the kernel size): then 3×3 layers get Winograd.
    /// </summary>
    private static bool TransposesToConvolution(in Conv2dGeometry g) =>
        g.StrideH == 1 && g.StrideW == 1 && g.DilationH == 1 && g.DilationW == 1 && g.Groups == 1 && !g.IsPointwise
        && g.PadTop < g.KernelH && g.PadBottom < g.KernelH && g.PadLeft < g.KernelW && g.PadRight < g.KernelW;

    /// <summary><c>dX += conv(dY, W')</c> with <c>W'[i, o, y, x] = W[o, i, KH−1−y, KW−1−x]</c> and pads <c>K−1−p</c>.</summary>
    private static void InputGradientByConvolution(in Conv2dGeometry g, float* w, float* dy, float* dx)
    {
        var transposed = new Conv2dGeometry(g.Batch, g.OutChannels, g.OutH, g.OutW, g.InChannels, g.KernelH, g.KernelW,
            PadTop: g.KernelH - 1 - g.PadTop, PadLeft: g.KernelW - 1 - g.PadLeft, PadBottom: g.KernelH - 1 - g.PadBottom, PadRight: g.KernelW - 1 - g.PadRight);
        int taps = g.KernelH * g.KernelW;
        float[] flipped = ArrayPool<float>.Shared.Rent(g.OutChannels * g.InChannels * taps);
        try
        {
            for (int o = 0; o < g.OutChannels; o++)
                for (int i = 0; i < g.InChannels; i++)
                {
                    float* source = w + ((long)o * g.InChannels + i) * taps;
                    int target = (i * g.OutChannels + o) * taps;
                    for (int t = 0; t < taps; t++) flipped[target + t] = source[taps - 1 - t];
                }
            // The output buffer doubles as the residual: the convolution adds onto what dX holds.
            fixed (float* pw = flipped) Conv2d.Run(transposed, dy, pw, null, dx, residual: dx);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(flipped);
        }
    }

    private static void SumPartials(float* partial, int runs, int length, float* dw, bool accumulate)
    {
        nint p = (nint)partial, d = (nint)dw;
        Parallelism.For((length + 1023) / 1024, (firstChunk, lastChunk) =>
        {
            int begin = firstChunk * 1024, end = Math.Min(length, lastChunk * 1024);
            var target = new Span<float>((float*)d + begin, end - begin);
            for (int r = 0; r < runs; r++)
            {
                var source = new ReadOnlySpan<float>((float*)p + (long)r * length + begin, end - begin);
                ElementwiseGrad.Store(source, target, accumulate || r > 0);
            }
        });
    }

    /// <summary><c>db[c] (+)= Σ over images and pixels of dY[n, c]</c>, each channel summed in a fixed order.</summary>
    public static void BiasGradient(int batch, int channels, int plane, float* dy, float* db, bool accumulate)
    {
        nint pdy = (nint)dy, pdb = (nint)db;
        Parallelism.For(channels, (first, last) =>
        {
            for (int c = first; c < last; c++)
            {
                double sum = 0;
                for (int n = 0; n < batch; n++) sum += ElementwiseGrad.Sum(new ReadOnlySpan<float>((float*)pdy + ((long)n * channels + c) * plane, plane));
                float* target = (float*)pdb + c;
                *target = accumulate ? *target + (float)sum : (float)sum;
            }
        });
    }
}
