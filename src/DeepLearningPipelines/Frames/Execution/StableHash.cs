using System.Text;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.Execution;

/// <summary>A value hash that is the same in every process (unlike <see cref="object.GetHashCode"/> on strings): FNV-1a over a canonical encoding.</summary>
internal static class StableHash
{
    private const ulong Offset = 14695981039346656037, Prime = 1099511628211;

    /// <summary>The hash of a column value; equal integral values of any width hash equal, as do equal floating values.</summary>
    public static ulong Of(object? value) => value switch
    {
        null => 0,
        bool b => b ? 1UL : 2UL,
        int or long or short or byte or sbyte => Mix(Convert.ToInt64(value)),
        float f => OfDouble(f),
        double d => OfDouble(d),
        string s => OfBytes(Encoding.UTF8.GetBytes(s)),
        byte[] bytes => OfBytes(bytes),
        _ => OfBytes(Encoding.UTF8.GetBytes(ValueFormat.Plain(value))),
    };

    /// <summary>Folds a value hash into a running hash of several keys.</summary>
    public static ulong Combine(ulong running, ulong value) => (running ^ value) * Prime + 0x9E3779B97F4A7C15;

    private static ulong OfDouble(double d) => d == Math.Floor(d) && Math.Abs(d) < 9e18 ? Mix((long)d) : Mix(BitConverter.DoubleToInt64Bits(d));

    private static ulong Mix(long v)
    {
        ulong x = (ulong)v;
        x ^= x >> 33; x *= 0xff51afd7ed558ccd; x ^= x >> 33; x *= 0xc4ceb9fe1a85ec53; x ^= x >> 33;
        return x;
    }

    private static ulong OfBytes(byte[] bytes)
    {
        ulong h = Offset;
        foreach (var b in bytes) h = (h ^ b) * Prime;
        return h;
    }
}
