using System.Runtime.Intrinsics;

namespace DeepLearningPipelines.Vision.Imaging;

/// <summary>How resampled values become 8-bit pixels.</summary>
internal static class PixelRounding
{
    /// <summary>
    /// Narrows to float32 (as TensorFlow stores its resize output), rounds half to even, clamps to 0..255.
    /// </summary>
    public static byte ToByte(double value) => (byte)Math.Clamp(MathF.Round((float)value), 0f, 255f);

    /// <summary><see cref="ToByte"/> for a whole row, 32 values at a time where 256-bit vectors are available.</summary>
    public static void ToBytes(ReadOnlySpan<double> values, Span<byte> destination)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 32 <= values.Length; i += 32)
            {
                var low = Vector256.Narrow(ToInt32(values.Slice(i, 8)), ToInt32(values.Slice(i + 8, 8)));
                var high = Vector256.Narrow(ToInt32(values.Slice(i + 16, 8)), ToInt32(values.Slice(i + 24, 8)));
                Vector256.Narrow(low.AsUInt16(), high.AsUInt16()).CopyTo(destination[i..]);
            }
        }
        for (; i < values.Length; i++)
            destination[i] = ToByte(values[i]);
    }

    /// <summary>Eight values narrowed to float, rounded half to even, clamped to 0..255, as integers.</summary>
    private static Vector256<int> ToInt32(ReadOnlySpan<double> eight)
    {
        var floats = Vector256.Narrow(Vector256.Create(eight[..4]), Vector256.Create(eight[4..]));
        var clamped = Vector256.Min(Vector256.Max(Vector256.Round(floats), Vector256<float>.Zero), Vector256.Create(255f));
        return Vector256.ConvertToInt32(clamped);
    }
}
