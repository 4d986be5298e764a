using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeepLearningPipelines.Nn.Kernels;

/// <summary>Stores of <see cref="Sgemm"/> result tiles into C, shared by the micro-kernels of both vector widths.</summary>
internal static unsafe class GemmStore
{
    /// <summary>Stores 8 consecutive values of C's row <paramref name="row"/> from column <paramref name="col"/>, adding C (k blocks after the first) and applying the epilogue (last k block).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store8(float* dst, Vector256<float> v, bool accumulate, bool last, in GemmEpilogue ep, int row, int col)
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

    /// <summary>The 16-wide form of <see cref="Store8"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store16(float* dst, Vector512<float> v, bool accumulate, bool last, in GemmEpilogue ep, int row, int col)
    {
        if (accumulate) v += Vector512.Load(dst);
        if (last)
        {
            if (ep.BiasKind == BiasKind.PerRow) v += Vector512.Create(ep.Bias[row]);
            else if (ep.BiasKind == BiasKind.PerColumn) v += Vector512.Load(ep.Bias + col);
            if (ep.HasResidual) v += Vector512.Load((float*)((byte*)dst + ep.ResidualOffset));
            if (ep.HasClamp) v = FastMath.Clamp(v, Vector512.Create(ep.Min), Vector512.Create(ep.Max));
        }
        v.Store(dst);
    }

    /// <summary>The epilogue of one value, whose C element is at <paramref name="dst"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ApplyScalar(float v, float* dst, int row, int col, in GemmEpilogue ep)
    {
        if (ep.BiasKind == BiasKind.PerRow) v += ep.Bias[row];
        else if (ep.BiasKind == BiasKind.PerColumn) v += ep.Bias[col];
        if (ep.HasResidual) v += *(float*)((byte*)dst + ep.ResidualOffset);
        return ep.HasClamp ? FastMath.Clamp(v, ep.Min, ep.Max) : v;
    }

    /// <summary>
    /// Stores the valid <paramref name="mr"/>×<paramref name="nr"/> part of an accumulator tile held in
    /// <paramref name="tile"/> (rows <paramref name="tileStride"/> apart): each run of columns that is contiguous in C
    /// (all of them unless <paramref name="columnOffsets"/> splits the tile between images) is stored 8 at a time,
    /// its last few values one by one.
    /// </summary>
    public static void Partial(float* tile, int tileStride, float* c, int ldc, int mr, int nr, bool accumulate, bool last, in GemmEpilogue ep, int row, int col,
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
                float* src = tile + i * tileStride;
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
    /// Requests the lines of C (and of the residual) that the tile <paramref name="nr"/> columns to the right will
    /// store: the rows of C lie a whole plane apart, so these many short streams are missed by the hardware prefetchers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void PrefetchNextTile(float* c, int ldc, int mr, int nr, bool last, in GemmEpilogue ep)
    {
        float* next = c + nr;
        bool residual = last && ep.HasResidual;
        for (int i = 0; i < mr; i++)
        {
            float* line = next + (long)i * ldc;
            for (int q = 0; q < nr; q += 16)
            {
                Sse.Prefetch0(line + q);
                if (residual) Sse.Prefetch0((byte*)(line + q) + ep.ResidualOffset);
            }
        }
    }
}
