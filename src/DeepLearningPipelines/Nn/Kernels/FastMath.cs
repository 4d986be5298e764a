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

    /// <summary>min(max(v, lo), hi).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Clamp(float v, float lo, float hi) => Min(Max(v, lo), hi);
}
