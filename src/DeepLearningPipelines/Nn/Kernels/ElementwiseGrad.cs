using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DeepLearningPipelines.Nn.Kernels;

/// <summary>Vectorised helpers of the backward kernels: add, copy-or-add, and scaled add of float spans.</summary>
internal static class ElementwiseGrad
{
    /// <summary><c>dst += src</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Add(ReadOnlySpan<float> src, Span<float> dst)
    {
        int i = 0;
        for (; i <= src.Length - 8; i += 8) (Vector256.Create(dst.Slice(i, 8)) + Vector256.Create(src.Slice(i, 8))).CopyTo(dst.Slice(i, 8));
        for (; i < src.Length; i++) dst[i] += src[i];
    }

    /// <summary><c>dst = src</c>, or <c>dst += src</c> when <paramref name="accumulate"/>.</summary>
    public static void Store(ReadOnlySpan<float> src, Span<float> dst, bool accumulate)
    {
        if (accumulate) Add(src, dst);
        else src.CopyTo(dst);
    }

    /// <summary><c>dst = scale·src</c>, or <c>dst += scale·src</c> when <paramref name="accumulate"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void StoreScaled(ReadOnlySpan<float> src, float scale, Span<float> dst, bool accumulate)
    {
        int i = 0;
        var s = Vector256.Create(scale);
        if (accumulate)
        {
            for (; i <= src.Length - 8; i += 8) (Vector256.Create(dst.Slice(i, 8)) + s * Vector256.Create(src.Slice(i, 8))).CopyTo(dst.Slice(i, 8));
            for (; i < src.Length; i++) dst[i] += scale * src[i];
        }
        else
        {
            for (; i <= src.Length - 8; i += 8) (s * Vector256.Create(src.Slice(i, 8))).CopyTo(dst.Slice(i, 8));
            for (; i < src.Length; i++) dst[i] = scale * src[i];
        }
    }

    /// <summary>Sum of the elements (eight float lanes, then in double).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Sum(ReadOnlySpan<float> values)
    {
        var acc = Vector256<float>.Zero;
        int i = 0;
        for (; i <= values.Length - 8; i += 8) acc += Vector256.Create(values.Slice(i, 8));
        double sum = 0;
        for (int l = 0; l < 8; l++) sum += acc[l];
        for (; i < values.Length; i++) sum += values[i];
        return sum;
    }

    /// <summary>Dot product (eight float lanes, then in double).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var acc = Vector256<float>.Zero;
        int i = 0;
        for (; i <= a.Length - 8; i += 8) acc = Vector256.FusedMultiplyAdd(Vector256.Create(a.Slice(i, 8)), Vector256.Create(b.Slice(i, 8)), acc);
        double sum = 0;
        for (int l = 0; l < 8; l++) sum += acc[l];
        for (; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }
}
