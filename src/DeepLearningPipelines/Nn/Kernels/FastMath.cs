using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeepLearningPipelines.Nn.Kernels;

/// <summary>
/// Branch-free min/max (the hardware instructions), and the vector helpers shared by the kernels: a stride-2 lane
/// shuffle and loads/stores of the first few lanes of a vector (AVX masks). Unlike <see cref="Math.Max(float, float)"/>, which orders
/// −0 below +0 and so branches on ties, these are fast on data full of equal values such as ReLU zeros.
/// For a NaN operand they return the second operand.
/// </summary>
internal static class FastMath
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Max(float a, float b) => Vector128.MaxNative(Vector128.CreateScalarUnsafe(a), Vector128.CreateScalarUnsafe(b)).ToScalar();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Min(float a, float b) => Vector128.MinNative(Vector128.CreateScalarUnsafe(a), Vector128.CreateScalarUnsafe(b)).ToScalar();

    /// <summary>min(max(v, lo), hi); a NaN <paramref name="v"/> stays NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Clamp(float v, float lo, float hi) => Min(hi, Max(lo, v));

    /// <summary>Vector form of <see cref="Clamp(float, float, float)"/>; NaN lanes stay NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Clamp(Vector256<float> v, Vector256<float> lo, Vector256<float> hi) => Vector256.MinNative(hi, Vector256.MaxNative(lo, v));

    /// <summary>The 512-bit form of <see cref="Clamp(Vector256{float}, Vector256{float}, Vector256{float})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Clamp(Vector512<float> v, Vector512<float> lo, Vector512<float> hi) => Vector512.MinNative(hi, Vector512.MaxNative(lo, v));

    /// <summary>The 8 elements at even positions of the 16 floats <paramref name="a"/>, <paramref name="b"/> (needs AVX2).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Evens(Vector256<float> a, Vector256<float> b) =>
        Avx2.Permute4x64(Avx.Shuffle(a, b, 0b10_00_10_00).AsDouble(), 0b11_01_10_00).AsSingle();

    /// <summary>Loads 8 floats, or only the first <paramref name="valid"/> (the rest read as 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe Vector256<float> LoadFirst(float* src, int valid) =>
        valid == 8 ? Avx.LoadVector256(src) : Avx.MaskLoad(src, Mask(valid));

    /// <summary>Stores 8 floats, or only the first <paramref name="valid"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void StoreFirst(float* dst, int valid, Vector256<float> value)
    {
        if (valid == 8) Avx.Store(dst, value);
        else Avx.MaskStore(dst, Mask(valid), value);
    }

    /// <summary>Lanes 0 … <paramref name="valid"/>−1 selected (sign bit set).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Mask(int valid) =>
        Vector256.LessThan(Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7), Vector256.Create(valid)).AsSingle();
}
