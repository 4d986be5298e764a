using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeepLearningPipelines.Nn.Kernels;

/// <summary>The 6×16 Vector256 FMA micro-kernel: 12 accumulators, two B vectors and one broadcast of A in 16 ymm registers.</summary>
internal readonly unsafe struct SgemmKernel256 : IGemmMicroKernel
{
    public static int MR => 6;
    public static int NR => 16;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, float* pa, float* pb, float* c, int ldc, int mr, int nr, bool accumulate, bool last, in GemmEpilogue ep, int row, int col,
        nint* columnOffsets)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        if (Sse.IsSupported && columnOffsets == null) GemmStore.PrefetchNextTile(c, ldc, mr, NR, last, ep);
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
            pa += 6; pb += 16;
        }

        if (mr == 6 && nr == 16 && columnOffsets == null)
        {
            StoreRow(c, c00, c01, accumulate, last, ep, row, col);
            StoreRow(c + ldc, c10, c11, accumulate, last, ep, row + 1, col);
            StoreRow(c + 2L * ldc, c20, c21, accumulate, last, ep, row + 2, col);
            StoreRow(c + 3L * ldc, c30, c31, accumulate, last, ep, row + 3, col);
            StoreRow(c + 4L * ldc, c40, c41, accumulate, last, ep, row + 4, col);
            StoreRow(c + 5L * ldc, c50, c51, accumulate, last, ep, row + 5, col);
            return;
        }

        float* tile = stackalloc float[6 * 16];
        c00.Store(tile); c01.Store(tile + 8); c10.Store(tile + 16); c11.Store(tile + 24);
        c20.Store(tile + 32); c21.Store(tile + 40); c30.Store(tile + 48); c31.Store(tile + 56);
        c40.Store(tile + 64); c41.Store(tile + 72); c50.Store(tile + 80); c51.Store(tile + 88);
        GemmStore.Partial(tile, 16, c, ldc, mr, nr, accumulate, last, ep, row, col, columnOffsets);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow(float* dst, Vector256<float> v0, Vector256<float> v1, bool accumulate, bool last, in GemmEpilogue ep, int row, int col)
    {
        GemmStore.Store8(dst, v0, accumulate, last, ep, row, col);
        GemmStore.Store8(dst + 8, v1, accumulate, last, ep, row, col + 8);
    }
}
