using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DeepLearningPipelines.Nn.Kernels;

/// <summary>
/// Branch-free scalar min/max (the hardware instructions). Unlike <see cref="Math.Max(float, float)"/>, which orders
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
}
