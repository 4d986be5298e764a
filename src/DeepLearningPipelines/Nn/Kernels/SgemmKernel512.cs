using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeepLearningPipelines.Nn.Kernels;

/// <summary>
/// The 8×32 Vector512 FMA micro-kernel: 16 accumulators, two B vectors and one broadcast of A in 19 of the 32 zmm
/// registers. Eight rows rather than more: convolutions have 2ⁿ output channels far more often than multiples of 12
/// or 14, and a short last row panel costs a whole panel's FMAs.
/// </summary>
internal readonly unsafe struct SgemmKernel512 : IGemmMicroKernel
{
    public static int MR => 8;
    public static int NR => 32;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, float* pa, float* pb, float* c, int ldc, int mr, int nr, bool accumulate, bool last, in GemmEpilogue ep, int row, int col,
        nint* columnOffsets)
    {
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default;
        Vector512<float> c40 = default, c41 = default, c50 = default, c51 = default, c60 = default, c61 = default, c70 = default, c71 = default;
        if (Sse.IsSupported && columnOffsets == null) GemmStore.PrefetchNextTile(c, ldc, mr, NR, last, ep);
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector512.LoadAligned(pb);
            var b1 = Vector512.LoadAligned(pb + 16);
            var a = Vector512.Create(pa[0]);
            c00 = Vector512.FusedMultiplyAdd(a, b0, c00); c01 = Vector512.FusedMultiplyAdd(a, b1, c01);
            a = Vector512.Create(pa[1]);
            c10 = Vector512.FusedMultiplyAdd(a, b0, c10); c11 = Vector512.FusedMultiplyAdd(a, b1, c11);
            a = Vector512.Create(pa[2]);
            c20 = Vector512.FusedMultiplyAdd(a, b0, c20); c21 = Vector512.FusedMultiplyAdd(a, b1, c21);
            a = Vector512.Create(pa[3]);
            c30 = Vector512.FusedMultiplyAdd(a, b0, c30); c31 = Vector512.FusedMultiplyAdd(a, b1, c31);
            a = Vector512.Create(pa[4]);
            c40 = Vector512.FusedMultiplyAdd(a, b0, c40); c41 = Vector512.FusedMultiplyAdd(a, b1, c41);
            a = Vector512.Create(pa[5]);
            c50 = Vector512.FusedMultiplyAdd(a, b0, c50); c51 = Vector512.FusedMultiplyAdd(a, b1, c51);
            a = Vector512.Create(pa[6]);
            c60 = Vector512.FusedMultiplyAdd(a, b0, c60); c61 = Vector512.FusedMultiplyAdd(a, b1, c61);
            a = Vector512.Create(pa[7]);
            c70 = Vector512.FusedMultiplyAdd(a, b0, c70); c71 = Vector512.FusedMultiplyAdd(a, b1, c71);
            pa += 8; pb += 32;
        }

        if (mr == 8 && nr == 32 && columnOffsets == null)
        {
            StoreRow(c, c00, c01, accumulate, last, ep, row, col);
            StoreRow(c + ldc, c10, c11, accumulate, last, ep, row + 1, col);
            StoreRow(c + 2L * ldc, c20, c21, accumulate, last, ep, row + 2, col);
            StoreRow(c + 3L * ldc, c30, c31, accumulate, last, ep, row + 3, col);
            StoreRow(c + 4L * ldc, c40, c41, accumulate, last, ep, row + 4, col);
            StoreRow(c + 5L * ldc, c50, c51, accumulate, last, ep, row + 5, col);
            StoreRow(c + 6L * ldc, c60, c61, accumulate, last, ep, row + 6, col);
            StoreRow(c + 7L * ldc, c70, c71, accumulate, last, ep, row + 7, col);
            return;
        }

        float* tile = stackalloc float[8 * 32];
        c00.Store(tile); c01.Store(tile + 16); c10.Store(tile + 32); c11.Store(tile + 48);
        c20.Store(tile + 64); c21.Store(tile + 80); c30.Store(tile + 96); c31.Store(tile + 112);
        c40.Store(tile + 128); c41.Store(tile + 144); c50.Store(tile + 160); c51.Store(tile + 176);
        c60.Store(tile + 192); c61.Store(tile + 208); c70.Store(tile + 224); c71.Store(tile + 240);
        GemmStore.Partial(tile, 32, c, ldc, mr, nr, accumulate, last, ep, row, col, columnOffsets);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow(float* dst, Vector512<float> v0, Vector512<float> v1, bool accumulate, bool last, in GemmEpilogue ep, int row, int col)
    {
        GemmStore.Store16(dst, v0, accumulate, last, ep, row, col);
        GemmStore.Store16(dst + 16, v1, accumulate, last, ep, row, col + 16);
    }
}
