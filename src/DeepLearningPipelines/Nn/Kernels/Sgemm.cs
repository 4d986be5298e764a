using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeepLearningPipelines.Nn.Kernels;

/// <summary>
/// Single-precision GEMM <c>C[m,n] = A[m,k]·B[k,n]</c> (then the <see cref="GemmEpilogue"/>), C row-major.
/// Goto-style blocking: B is packed in KC×NC panels of 16 columns, A in MC×KC panels of 6 rows (or once, in
/// advance, as a <see cref="PackedMatrix"/>), and a 6×16 Vector256 FMA micro-kernel keeps 12 accumulators in
/// registers. Large products are split over the cores by columns (or by rows when there are few columns); each
/// worker packs its own panels, so the only synchronisation is the final join. With <see cref="ColumnBlocks"/>,
/// B and C may be split into per-image column blocks, so one product covers several images.
/// </summary>
internal static unsafe class Sgemm
{
    public const int MR = 6, NR = 16, KC = 256;
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
        Multiply(m, n, k, new LeftOperand(a, null, 0), b, c, ldc, epilogue, parallel, blocks);

    /// <summary>Computes <c>C = epilogue(A·B)</c> with A packed in advance, overwriting C.</summary>
    public static void Multiply(PackedMatrix a, int n, MatrixRef b, float* c, int ldc, in GemmEpilogue epilogue, bool parallel = true,
        in ColumnBlocks blocks = default) =>
        Multiply(a.Rows, n, a.Cols, new LeftOperand(default, a, 0), b, c, ldc, epilogue, parallel, blocks);

    /// <summary>A, either strided (packed on the fly) or packed in advance; <see cref="Row"/> is the first row used.</summary>
    private readonly record struct LeftOperand(MatrixRef Matrix, PackedMatrix? Packed, int Row)
    {
        public LeftOperand Offset(int rows) => Packed is null ? this with { Matrix = Matrix.Offset(rows, 0) } : this with { Row = Row + rows };
    }

    private static void Multiply(int m, int n, int k, LeftOperand a, MatrixRef b, float* c, int ldc, in GemmEpilogue epilogue, bool parallel,
        ColumnBlocks blocks)
    {
        if (m <= 0 || n <= 0) return;
        int threads = parallel ? ThreadCount(m, n, k) : 1;
        if (threads == 1) { Serial(m, 0, n, k, a, b, c, ldc, epilogue, blocks); return; }

        var ep = epilogue;
        bool splitColumns = n >= threads * NR * 4 || m < threads * MR * 2;
        int units = splitColumns ? (n + NR - 1) / NR : (m + MR - 1) / MR;
        int unitSize = splitColumns ? NR : MR;
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
                if (last > first) Serial(m, first, last, k, a, b, c, ldc, ep, blocks);
            }
            else
            {
                last = Math.Min(last, m);
                if (last > first)
                {
                    var sub = ep.BiasKind == BiasKind.PerRow ? new GemmEpilogue(ep.Bias + first, ep.BiasKind, ep.Min, ep.Max, ep.HasResidual, ep.ResidualOffset, ep.Accumulate) : ep;
                    Serial(last - first, 0, n, k, a.Offset(first), b, c + (long)first * ldc, ldc, sub, blocks);
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
    private static void Serial(int m, int colBegin, int colEnd, int k, LeftOperand a, MatrixRef b, float* c, int ldc, in GemmEpilogue ep, in ColumnBlocks blocks)
    {
        if (k == 0)
        {
            for (int j = colBegin; j < colEnd; j++)
            {
                float* column = c + blocks.COffset(j);
                for (int i = 0; i < m; i++) column[(long)i * ldc] = ApplyScalar(ep.Accumulate ? column[(long)i * ldc] : 0f, column + (long)i * ldc, i, j, ep);
            }
            return;
        }
        nint* columnOffsets = stackalloc nint[NR];
        float[] packA = a.Packed is null ? t_packA ??= GC.AllocateUninitializedArray<float>(MC * KC + 16, pinned: true) : [];
        float[] packB = t_packB ??= GC.AllocateUninitializedArray<float>(KC * NC + 16, pinned: true);
        fixed (float* pa0 = packA)
        fixed (float* pb0 = packB)
        {
            // 64-byte alignment of the packed panels.
            float* pa = (float*)(((nint)pa0 + 63) & ~(nint)63);
            float* pb = (float*)(((nint)pb0 + 63) & ~(nint)63);
            int kStep = KBlock(k), ncBlock = Math.Clamp(BlockFloats / kStep / NR * NR, NR, NC);
            for (int jc = colBegin; jc < colEnd; jc += ncBlock)
            {
                int nc = Math.Min(ncBlock, colEnd - jc);
                for (int pc = 0; pc < k; pc += kStep)
                {
                    int kc = Math.Min(kStep, k - pc);
                    bool first = pc == 0 && !ep.Accumulate, last = pc + kc == k;
                    PackB(b.Offset(pc, 0), blocks, jc, kc, nc, pb);
                    for (int ic = 0; ic < m; ic += MC)
                    {
                        int mc = Math.Min(MC, m - ic);
                        float* aBlock = pa;
                        if (a.Packed is null) PackA(a.Matrix.Offset(ic, pc), mc, kc, pa);
                        else aBlock = a.Packed.Panel(a.Row + ic, pc);
                        for (int jr = 0; jr < nc; jr += NR)
                        {
                            int nr = Math.Min(NR, nc - jr), col = jc + jr;
                            float* bPanel = pb + (long)jr * kc;
                            float* cColumn = c + blocks.COffset(col);
                            // A tile that straddles two images stores each column through its own offset.
                            nint* offsets = null;
                            if (!blocks.SameBlock(col, nr))
                            {
                                for (int q = 0; q < nr; q++) columnOffsets[q] = (nint)(blocks.COffset(col + q) - blocks.COffset(col));
                                offsets = columnOffsets;
                            }
                            for (int ir = 0; ir < mc; ir += MR)
                            {
                                int mr = Math.Min(MR, mc - ir), row = ic + ir;
                                MicroKernel(kc, aBlock + (long)ir * kc, bPanel, cColumn + (long)row * ldc, ldc, mr, nr, !first, last, ep, row, col, offsets);
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>Packs an mc×kc block of A into panels of <see cref="MR"/> rows, k-major within a panel, zero-padding the last panel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void PackA(MatrixRef a, int mc, int kc, float* dst)
    {
        for (int i = 0; i < mc; i += MR)
        {
            int mr = Math.Min(MR, mc - i);
            for (int r = 0; r < MR; r++)
            {
                float* d = dst + r;
                if (r < mr)
                {
                    float* src = a.Data + (long)(i + r) * a.RowStride;
                    int cs = a.ColStride;
                    for (int p = 0; p < kc; p++) d[p * MR] = src[(long)p * cs];
                }
                else
                {
                    for (int p = 0; p < kc; p++) d[p * MR] = 0f;
                }
            }
            dst += MR * kc;
        }
    }

    /// <summary>
    /// Packs rows 0 … kc−1, columns <paramref name="col0"/> … <paramref name="col0"/>+nc−1 of B into panels of
    /// <see cref="NR"/> columns, k-major within a panel, zero-padding the last panel.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackB(MatrixRef b, in ColumnBlocks blocks, int col0, int kc, int nc, float* dst)
    {
        long* offsets = stackalloc long[NR];
        for (int j = 0; j < nc; j += NR)
        {
            int nr = Math.Min(NR, nc - j), col = col0 + j;
            if (!blocks.SameBlock(col, nr))
            {
                for (int q = 0; q < nr; q++) offsets[q] = blocks.BOffset(col + q, b.ColStride);
                if (b.ColStride == 1 && Avx.IsSupported)
                {
                    PackStraddlingPanel(b, offsets, nr, kc, dst);
                    dst += (long)kc * NR;
                    continue;
                }
                for (int p = 0; p < kc; p++)
                {
                    float* s = b.Data + (long)p * b.RowStride;
                    int q = 0;
                    for (; q < nr; q++) dst[q] = s[offsets[q]];
                    for (; q < NR; q++) dst[q] = 0f;
                    dst += NR;
                }
                continue;
            }
            long start = blocks.BOffset(col, b.ColStride);
            if (nr == NR && b.ColStride == 1)
            {
                float* src = b.Data + start;
                for (int p = 0; p < kc; p++)
                {
                    float* s = src + (long)p * b.RowStride;
                    // The rows lie far apart (a plane, for a convolution's input): request each row's next panel now.
                    if (Sse.IsSupported) Sse.Prefetch0(s + 2 * NR);
                    Vector256.Store(Vector256.Load(s), dst);
                    Vector256.Store(Vector256.Load(s + 8), dst + 8);
                    dst += NR;
                }
            }
            else
            {
                for (int p = 0; p < kc; p++)
                {
                    float* s = b.Data + (long)p * b.RowStride + start;
                    int q = 0;
                    for (; q < nr; q++) dst[q] = s[(long)q * b.ColStride];
                    for (; q < NR; q++) dst[q] = 0f;
                    dst += NR;
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
    private static void PackStraddlingPanel(MatrixRef b, long* offsets, int nr, int kc, float* dst)
    {
        const int Lanes = 8, MaxRuns = NR;
        var lane = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
        // Run r covers panel columns [first, first + length): read from (row + start − first), masked to its lanes.
        long* source = stackalloc long[MaxRuns];
        var lowMasks = stackalloc Vector256<float>[MaxRuns];
        var highMasks = stackalloc Vector256<float>[MaxRuns];
        int runs = 0;
        for (int first = 0, end; first < nr; first = end)
        {
            end = first + 1;
            while (end < nr && offsets[end] == offsets[end - 1] + 1) end++;
            source[runs] = offsets[first] - first;
            var from = Vector256.Create(first);
            var to = Vector256.Create(end);
            lowMasks[runs] = (Vector256.GreaterThanOrEqual(lane, from) & Vector256.LessThan(lane, to)).AsSingle();
            highMasks[runs] = (Vector256.GreaterThanOrEqual(lane + Vector256.Create(Lanes), from) & Vector256.LessThan(lane + Vector256.Create(Lanes), to)).AsSingle();
            runs++;
        }
        for (int p = 0; p < kc; p++)
        {
            float* row = b.Data + (long)p * b.RowStride;
            Vector256<float> low = Vector256<float>.Zero, high = Vector256<float>.Zero;
            for (int r = 0; r < runs; r++)
            {
                float* at = row + source[r];
                low |= Avx.MaskLoad(at, lowMasks[r]);
                high |= Avx.MaskLoad(at + Lanes, highMasks[r]);
            }
            Vector256.Store(low, dst);
            Vector256.Store(high, dst + Lanes);
            dst += NR;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MicroKernel(int kc, float* pa, float* pb, float* c, int ldc, int mr, int nr, bool accumulate, bool last, in GemmEpilogue ep, int row, int col,
        nint* columnOffsets)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        if (Sse.IsSupported && columnOffsets == null) PrefetchNextTile(c, ldc, mr, last, ep);
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector256.LoadAligned(pb);
            var b1 = Vector256.LoadAligned(pb + 8);
            var a = Vector256.Create(pa[0]);
            c00 = Vector256.FusedMultiplyAdd(a, b0, c00); c01 = Vector256.FusedMultiplyAdd(a, b1, c01);
            a = Vector256.Create(pa[1]);
            c10 = Vector256.FusedMultiplyAdd(a, b0, c10); c11 = Vector256.FusedMultiplyAdd(a, b1, c11);
            a = Vector256.Create(pa[2]);
            c20 = Vector256.FusedMultiplyAdd(a, b0, c20); c21 = Vector256.FusedMultiplyAdd(a, b1, c21);
            a = Vector256.Create(pa[3]);
            c30 = Vector256.FusedMultiplyAdd(a, b0, c30); c31 = Vector256.FusedMultiplyAdd(a, b1, c31);
            a = Vector256.Create(pa[4]);
            c40 = Vector256.FusedMultiplyAdd(a, b0, c40); c41 = Vector256.FusedMultiplyAdd(a, b1, c41);
            a = Vector256.Create(pa[5]);
            c50 = Vector256.FusedMultiplyAdd(a, b0, c50); c51 = Vector256.FusedMultiplyAdd(a, b1, c51);
            pa += MR; pb += NR;
        }

        if (mr == MR && nr == NR && columnOffsets == null)
        {
            StoreRow(c, c00, c01, accumulate, last, ep, row, col);
            StoreRow(c + ldc, c10, c11, accumulate, last, ep, row + 1, col);
            StoreRow(c + 2L * ldc, c20, c21, accumulate, last, ep, row + 2, col);
            StoreRow(c + 3L * ldc, c30, c31, accumulate, last, ep, row + 3, col);
            StoreRow(c + 4L * ldc, c40, c41, accumulate, last, ep, row + 4, col);
            StoreRow(c + 5L * ldc, c50, c51, accumulate, last, ep, row + 5, col);
            return;
        }

        float* tile = stackalloc float[MR * NR];
        c00.Store(tile); c01.Store(tile + 8); c10.Store(tile + 16); c11.Store(tile + 24);
        c20.Store(tile + 32); c21.Store(tile + 40); c30.Store(tile + 48); c31.Store(tile + 56);
        c40.Store(tile + 64); c41.Store(tile + 72); c50.Store(tile + 80); c51.Store(tile + 88);
        StorePartial(tile, c, ldc, mr, nr, accumulate, last, ep, row, col, columnOffsets);
    }

    /// <summary>
    /// Stores the valid <paramref name="mr"/>×<paramref name="nr"/> part of an accumulator tile held in
    /// <paramref name="tile"/> (rows <see cref="NR"/> apart): each run of columns that is contiguous in C (all of
    /// them unless <paramref name="columnOffsets"/> splits the tile between images) is stored 8 at a time.
    /// </summary>
    private static void StorePartial(float* tile, float* c, int ldc, int mr, int nr, bool accumulate, bool last, in GemmEpilogue ep, int row, int col,
        nint* columnOffsets)
    {
        for (int j0 = 0, j1; j0 < nr; j0 = j1)
        {
            j1 = j0 + 1;
            if (columnOffsets == null) j1 = nr;
            else while (j1 < nr && columnOffsets[j1] == columnOffsets[j1 - 1] + 1) j1++;
            float* start = c + (columnOffsets == null ? 0 : columnOffsets[j0]);
            for (int i = 0; i < mr; i++)
            {
                float* dst = start + (long)i * ldc - j0;
                float* src = tile + i * NR;
                int j = j0;
                for (; j + 8 <= j1; j += 8) Store8(dst + j, Vector256.Load(src + j), accumulate, last, ep, row + i, col + j);
                for (; j < j1; j++)
                {
                    float v = src[j];
                    if (accumulate) v += dst[j];
                    dst[j] = last ? ApplyScalar(v, dst + j, row + i, col + j, ep) : v;
                }
            }
        }
    }

    /// <summary>
    /// Requests the lines of C (and of the residual) that the tile one panel to the right will store: the rows of C
    /// lie a whole plane apart, so these many short streams are missed by the hardware prefetchers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PrefetchNextTile(float* c, int ldc, int mr, bool last, in GemmEpilogue ep)
    {
        float* next = c + NR;
        bool residual = last && ep.HasResidual;
        for (int i = 0; i < mr; i++)
        {
            float* line = next + (long)i * ldc;
            Sse.Prefetch0(line);
            if (residual) Sse.Prefetch0((byte*)line + ep.ResidualOffset);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow(float* dst, Vector256<float> v0, Vector256<float> v1, bool accumulate, bool last, in GemmEpilogue ep, int row, int col)
    {
        Store8(dst, v0, accumulate, last, ep, row, col);
        Store8(dst + 8, v1, accumulate, last, ep, row, col + 8);
    }

    /// <summary>Stores 8 consecutive values of C's row <paramref name="row"/> from column <paramref name="col"/>, adding C (k blocks after the first) and applying the epilogue (last k block).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store8(float* dst, Vector256<float> v, bool accumulate, bool last, in GemmEpilogue ep, int row, int col)
    {
        if (accumulate) v += Vector256.Load(dst);
        if (last)
        {
            if (ep.BiasKind == BiasKind.PerRow) v += Vector256.Create(ep.Bias[row]);
            else if (ep.BiasKind == BiasKind.PerColumn) v += Vector256.Load(ep.Bias + col);
            if (ep.HasResidual) v += Vector256.Load((float*)((byte*)dst + ep.ResidualOffset));
            if (ep.HasClamp) v = FastMath.Clamp(v, Vector256.Create(ep.Min), Vector256.Create(ep.Max));
        }
        v.Store(dst);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float ApplyScalar(float v, float* dst, int row, int col, in GemmEpilogue ep)
    {
        if (ep.BiasKind == BiasKind.PerRow) v += ep.Bias[row];
        else if (ep.BiasKind == BiasKind.PerColumn) v += ep.Bias[col];
        if (ep.HasResidual) v += *(float*)((byte*)dst + ep.ResidualOffset);
        return ep.HasClamp ? FastMath.Clamp(v, ep.Min, ep.Max) : v;
    }
}
