using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeepLearningPipelines.Nn.Kernels;

/// <summary>
/// Single-precision GEMM <c>C[m,n] = A[m,k]·B[k,n]</c> (then the <see cref="GemmEpilogue"/>), C row-major.
/// Goto-style blocking: B is packed in KC×NC blocks of panels of NR columns, A in MC×KC blocks of panels of MR rows
/// (or once, in advance, as a <see cref="PackedMatrix"/>), and an MR×NR FMA micro-kernel keeps its accumulators in
/// registers: <see cref="SgemmKernel256"/> (6×16) or <see cref="SgemmKernel512"/> (8×32), as <see cref="SimdWidth"/>
/// chooses (a prepacked A keeps the width it was packed for). Large products are split over the cores by columns (or
/// by rows when there are few columns); each worker packs its own panels, so the only synchronisation is the final
/// join. With <see cref="ColumnBlocks"/>, B and C may be split into per-image column blocks, so one product covers
/// several images.
/// </summary>
internal static unsafe class Sgemm
{
    public const int KC = 256;
    private const int MC = 120, NC = 2048;

    /// <summary>Floats of one packed B block (KC×NC at most): half the per-core cache, where the block is reread once per row panel.</summary>
    private const int BlockFloats = 1 << 17;
    private const long MinMacsPerThread = 1 << 18;

    [ThreadStatic] private static float[]? t_packA;
    [ThreadStatic] private static float[]? t_packB;

    /// <summary>Depth of each k block: at most <see cref="KC"/>, with the blocks of <paramref name="k"/> balanced so no short tail block is left.</summary>
    public static int KBlock(int k) => k <= KC ? Math.Max(k, 1) : (k + (k + KC - 1) / KC - 1) / ((k + KC - 1) / KC);

    /// <summary>Computes <c>C = epilogue(A·B)</c>, overwriting C.</summary>
    public static void Multiply(int m, int n, int k, MatrixRef a, MatrixRef b, float* c, int ldc, in GemmEpilogue epilogue, bool parallel = true,
        in ColumnBlocks blocks = default) =>
        Multiply(SimdWidth.Current, m, n, k, new LeftOperand(a, null, 0), b, c, ldc, epilogue, parallel, blocks);

    /// <summary>Computes <c>C = epilogue(A·B)</c> with A packed in advance, overwriting C.</summary>
    public static void Multiply(PackedMatrix a, int n, MatrixRef b, float* c, int ldc, in GemmEpilogue epilogue, bool parallel = true,
        in ColumnBlocks blocks = default) =>
        Multiply(a.Width, a.Rows, n, a.Cols, new LeftOperand(default, a, 0), b, c, ldc, epilogue, parallel, blocks);

    /// <summary>Rows of the A panels at <paramref name="width"/>.</summary>
    public static int PanelRows(int width) => width == 512 ? SgemmKernel512.MR : SgemmKernel256.MR;

    /// <summary>A, either strided (packed on the fly) or packed in advance; <see cref="Row"/> is the first row used.</summary>
    private readonly record struct LeftOperand(MatrixRef Matrix, PackedMatrix? Packed, int Row)
    {
        public LeftOperand Offset(int rows) => Packed is null ? this with { Matrix = Matrix.Offset(rows, 0) } : this with { Row = Row + rows };
    }

    private static void Multiply(int width, int m, int n, int k, LeftOperand a, MatrixRef b, float* c, int ldc, in GemmEpilogue epilogue, bool parallel,
        in ColumnBlocks blocks)
    {
        if (width == 512) Multiply<SgemmKernel512>(m, n, k, a, b, c, ldc, epilogue, parallel, blocks);
        else Multiply<SgemmKernel256>(m, n, k, a, b, c, ldc, epilogue, parallel, blocks);
    }

    private static void Multiply<TKernel>(int m, int n, int k, LeftOperand a, MatrixRef b, float* c, int ldc, in GemmEpilogue epilogue, bool parallel,
        ColumnBlocks blocks) where TKernel : struct, IGemmMicroKernel
    {
        if (m <= 0 || n <= 0) return;
        int threads = parallel ? ThreadCount(m, n, k) : 1;
        if (threads == 1) { Serial<TKernel>(m, 0, n, k, a, b, c, ldc, epilogue, blocks); return; }

        var ep = epilogue;
        bool splitColumns = n >= threads * TKernel.NR * 4 || m < threads * TKernel.MR * 2;
        int units = splitColumns ? (n + TKernel.NR - 1) / TKernel.NR : (m + TKernel.MR - 1) / TKernel.MR;
        int unitSize = splitColumns ? TKernel.NR : TKernel.MR;
        // With A packed in advance a column chunk costs no extra packing, so use more chunks than threads:
        // a thread that finishes early (or was not descheduled) takes the next one.
        int chunks = splitColumns && a.Packed is not null ? Math.Min(units, threads * 4) : threads;
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            int first = (int)((long)units * t / chunks) * unitSize;
            int last = (int)((long)units * (t + 1) / chunks) * unitSize;
            if (splitColumns)
            {
                last = Math.Min(last, n);
                if (last > first) Serial<TKernel>(m, first, last, k, a, b, c, ldc, ep, blocks);
            }
            else
            {
                last = Math.Min(last, m);
                if (last > first)
                {
                    var sub = ep.BiasKind == BiasKind.PerRow ? new GemmEpilogue(ep.Bias + first, ep.BiasKind, ep.Min, ep.Max, ep.HasResidual, ep.ResidualOffset, ep.Accumulate) : ep;
                    Serial<TKernel>(last - first, 0, n, k, a.Offset(first), b, c + (long)first * ldc, ldc, sub, blocks);
                }
            }
        });
    }

    private static int ThreadCount(int m, int n, int k)
    {
        long macs = (long)m * n * Math.Max(k, 1);
        return (int)Math.Clamp(macs / MinMacsPerThread, 1, Parallelism.MaxThreads);
    }

    /// <summary>Computes columns <paramref name="colBegin"/> … <paramref name="colEnd"/>−1 of C on the calling thread.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Serial<TKernel>(int m, int colBegin, int colEnd, int k, LeftOperand a, MatrixRef b, float* c, int ldc, in GemmEpilogue ep,
        in ColumnBlocks blocks) where TKernel : struct, IGemmMicroKernel
    {
        if (k == 0)
        {
            for (int j = colBegin; j < colEnd; j++)
            {
                float* column = c + blocks.COffset(j);
                for (int i = 0; i < m; i++) column[(long)i * ldc] = GemmStore.ApplyScalar(ep.Accumulate ? column[(long)i * ldc] : 0f, column + (long)i * ldc, i, j, ep);
            }
            return;
        }
        nint* columnOffsets = stackalloc nint[TKernel.NR];
        float[] packA = a.Packed is null ? t_packA ??= GC.AllocateUninitializedArray<float>(MC * KC + 16, pinned: true) : [];
        float[] packB = t_packB ??= GC.AllocateUninitializedArray<float>(KC * NC + 16, pinned: true);
        fixed (float* pa0 = packA)
        fixed (float* pb0 = packB)
        {
            // 64-byte alignment of the packed panels.
            float* pa = (float*)(((nint)pa0 + 63) & ~(nint)63);
            float* pb = (float*)(((nint)pb0 + 63) & ~(nint)63);
            int kStep = KBlock(k), ncBlock = Math.Clamp(BlockFloats / kStep / TKernel.NR * TKernel.NR, TKernel.NR, NC);
            for (int jc = colBegin; jc < colEnd; jc += ncBlock)
            {
                int nc = Math.Min(ncBlock, colEnd - jc);
                for (int pc = 0; pc < k; pc += kStep)
                {
                    int kc = Math.Min(kStep, k - pc);
                    bool first = pc == 0 && !ep.Accumulate, last = pc + kc == k;
                    PackB<TKernel>(b.Offset(pc, 0), blocks, jc, kc, nc, pb);
                    for (int ic = 0; ic < m; ic += MC)
                    {
                        int mc = Math.Min(MC, m - ic);
                        float* aBlock = pa;
                        if (a.Packed is null) PackA(a.Matrix.Offset(ic, pc), mc, kc, TKernel.MR, pa);
                        else aBlock = a.Packed.Panel(a.Row + ic, pc);
                        for (int jr = 0; jr < nc; jr += TKernel.NR)
                        {
                            int nr = Math.Min(TKernel.NR, nc - jr), col = jc + jr;
                            float* bPanel = pb + (long)jr * kc;
                            float* cColumn = c + blocks.COffset(col);
                            // A tile that straddles two images stores each column through its own offset.
                            nint* offsets = null;
                            if (!blocks.SameBlock(col, nr))
                            {
                                for (int q = 0; q < nr; q++) columnOffsets[q] = (nint)(blocks.COffset(col + q) - blocks.COffset(col));
                                offsets = columnOffsets;
                            }
                            for (int ir = 0; ir < mc; ir += TKernel.MR)
                            {
                                int mr = Math.Min(TKernel.MR, mc - ir), row = ic + ir;
                                TKernel.Run(kc, aBlock + (long)ir * kc, bPanel, cColumn + (long)row * ldc, ldc, mr, nr, !first, last, ep, row, col, offsets);
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>Packs an mc×kc block of A into panels of <paramref name="panelRows"/> rows, k-major within a panel, zero-padding the last panel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void PackA(MatrixRef a, int mc, int kc, int panelRows, float* dst)
    {
        for (int i = 0; i < mc; i += panelRows)
        {
            int mr = Math.Min(panelRows, mc - i);
            for (int r = 0; r < panelRows; r++)
            {
                float* d = dst + r;
                if (r < mr)
                {
                    float* src = a.Data + (long)(i + r) * a.RowStride;
                    int cs = a.ColStride;
                    for (int p = 0; p < kc; p++) d[p * panelRows] = src[(long)p * cs];
                }
                else
                {
                    for (int p = 0; p < kc; p++) d[p * panelRows] = 0f;
                }
            }
            dst += panelRows * kc;
        }
    }

    /// <summary>
    /// Packs rows 0 … kc−1, columns <paramref name="col0"/> … <paramref name="col0"/>+nc−1 of B into panels of
    /// <c>TKernel.NR</c> columns, k-major within a panel, zero-padding the last panel.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackB<TKernel>(MatrixRef b, in ColumnBlocks blocks, int col0, int kc, int nc, float* dst) where TKernel : struct, IGemmMicroKernel
    {
        long* offsets = stackalloc long[TKernel.NR];
        for (int j = 0; j < nc; j += TKernel.NR)
        {
            int nr = Math.Min(TKernel.NR, nc - j), col = col0 + j;
            if (!blocks.SameBlock(col, nr))
            {
                for (int q = 0; q < nr; q++) offsets[q] = blocks.BOffset(col + q, b.ColStride);
                if (b.ColStride == 1 && Avx.IsSupported)
                {
                    PackStraddlingPanel(b, offsets, nr, TKernel.NR, kc, dst);
                    dst += (long)kc * TKernel.NR;
                    continue;
                }
                for (int p = 0; p < kc; p++)
                {
                    float* s = b.Data + (long)p * b.RowStride;
                    int q = 0;
                    for (; q < nr; q++) dst[q] = s[offsets[q]];
                    for (; q < TKernel.NR; q++) dst[q] = 0f;
                    dst += TKernel.NR;
                }
                continue;
            }
            long start = blocks.BOffset(col, b.ColStride);
            if (nr == TKernel.NR && b.ColStride == 1)
            {
                float* src = b.Data + start;
                for (int p = 0; p < kc; p++)
                {
                    float* s = src + (long)p * b.RowStride;
                    // The rows lie far apart (a plane, for a convolution's input): request each row's next panel now.
                    if (Sse.IsSupported) Sse.Prefetch0(s + 2 * TKernel.NR);
                    if (TKernel.NR == 32)
                    {
                        Vector512.Store(Vector512.Load(s), dst);
                        Vector512.Store(Vector512.Load(s + 16), dst + 16);
                    }
                    else
                    {
                        Vector256.Store(Vector256.Load(s), dst);
                        Vector256.Store(Vector256.Load(s + 8), dst + 8);
                    }
                    dst += TKernel.NR;
                }
            }
            else
            {
                for (int p = 0; p < kc; p++)
                {
                    float* s = b.Data + (long)p * b.RowStride + start;
                    int q = 0;
                    for (; q < nr; q++) dst[q] = s[(long)q * b.ColStride];
                    for (; q < TKernel.NR; q++) dst[q] = 0f;
                    dst += TKernel.NR;
                }
            }
        }
    }

    /// <summary>
    /// Packs a panel whose <paramref name="nr"/> columns (at <paramref name="offsets"/> in each row of B) fall in two
    /// or more contiguous runs, as when it straddles images: each run is read with masked loads placed at its lanes,
    /// so a row of the panel costs a few vector operations rather than one scalar copy per column.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackStraddlingPanel(MatrixRef b, long* offsets, int nr, int panelWidth, int kc, float* dst)
    {
        const int Lanes = 8;
        int groups = panelWidth / Lanes;
        var lane = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
        // Run r covers panel columns [first, first + length): read from (row + start − first), masked to its lanes.
        // The runs that reach the lanes of group g are firstRun[g] … endRun[g]−1, and masks[r·groups + g] selects them.
        long* source = stackalloc long[panelWidth];
        var masks = stackalloc Vector256<float>[panelWidth * groups];
        int* firstRun = stackalloc int[groups], endRun = stackalloc int[groups];
        for (int g = 0; g < groups; g++) { firstRun[g] = int.MaxValue; endRun[g] = 0; }
        int runs = 0;
        for (int first = 0, end; first < nr; first = end)
        {
            end = first + 1;
            while (end < nr && offsets[end] == offsets[end - 1] + 1) end++;
            source[runs] = offsets[first] - first;
            var from = Vector256.Create(first);
            var to = Vector256.Create(end);
            for (int g = 0; g < groups; g++)
            {
                var at = lane + Vector256.Create(g * Lanes);
                masks[runs * groups + g] = (Vector256.GreaterThanOrEqual(at, from) & Vector256.LessThan(at, to)).AsSingle();
                if (first < (g + 1) * Lanes && end > g * Lanes)
                {
                    firstRun[g] = Math.Min(firstRun[g], runs);
                    endRun[g] = runs + 1;
                }
            }
            runs++;
        }
        for (int p = 0; p < kc; p++)
        {
            float* row = b.Data + (long)p * b.RowStride;
            for (int g = 0; g < groups; g++)
            {
                var v = Vector256<float>.Zero;
                for (int r = firstRun[g]; r < endRun[g]; r++) v |= Avx.MaskLoad(row + source[r] + g * Lanes, masks[r * groups + g]);
                Vector256.Store(v, dst + g * Lanes);
            }
            dst += panelWidth;
        }
    }
}
