namespace DeepLearningPipelines.Core;

/// <summary>A small, fast, reproducible pseudo-random generator (SplitMix64), identical on every platform and .NET version.</summary>
public sealed class SplitMix64
{
    private ulong _state;

    public SplitMix64(long seed, long stream = 0) => _state = (ulong)seed * 0x9E3779B97F4A7C15UL ^ Mix((ulong)stream + 0x632BE59BD9B4E019UL);

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>A uniform double in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform integer in [0, <paramref name="bound"/>).</summary>
    public int NextInt(int bound) => (int)(NextDouble() * bound);

    /// <summary>A standard normal draw (Box–Muller).</summary>
    public double NextGaussian()
    {
        double u1 = 1.0 - NextDouble(), u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
