using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Nn.Kernels;

/// <summary>
/// Vector width, in bits, of the <see cref="Sgemm"/> micro-kernels: 512 where the CPU has AVX-512F and .NET
/// accelerates <see cref="Vector512"/> (Intel parts that slow down at 512 bits report it unaccelerated), else 256.
/// AMD Zen 4 splits each 512-bit operation in two, yet its 8×32 kernel still ran ResNet50 10–20% faster than the
/// 6×16 one (fewer loads and loop instructions per FMA), so it gets 512 too. Chosen once per process; the
/// environment variable <c>DLP_SIMD_WIDTH</c> (<c>256</c> or <c>512</c>) overrides the choice.
/// </summary>
internal static class SimdWidth
{
    /// <summary>Name of the environment variable that forces the width.</summary>
    public const string EnvironmentVariable = "DLP_SIMD_WIDTH";

    private static readonly (int Width, string? Error) s_configured = Configure();
    private static readonly AsyncLocal<int> s_override = new();

    /// <summary>Whether this CPU can run the 512-bit kernels (AVX-512F).</summary>
    public static bool Is512Supported => Avx512F.IsSupported;

    /// <summary>Width of the kernels in use: the override of <see cref="Use"/> if any, else the start-up choice.</summary>
    public static int Current
    {
        get
        {
            int forced = s_override.Value;
            if (forced != 0) return forced;
            return s_configured.Error is null ? s_configured.Width : throw new DlpException(s_configured.Error);
        }
    }

    /// <summary>
    /// Runs the kernels at <paramref name="width"/> in the calling flow (and the tasks it starts) until the result is
    /// disposed; for tests, which compare both widths.
    /// </summary>
    internal static IDisposable Use(int width)
    {
        if (width != 256 && !(width == 512 && Is512Supported))
            throw new ArgumentOutOfRangeException(nameof(width), width, "256, or 512 on a CPU with AVX-512F.");
        int previous = s_override.Value;
        s_override.Value = width;
        return new Restore(previous);
    }

    private sealed class Restore(int previous) : IDisposable
    {
        public void Dispose() => s_override.Value = previous;
    }

    private static (int, string?) Configure()
    {
        try
        {
            return (Choose(Environment.GetEnvironmentVariable(EnvironmentVariable), Is512Supported, Vector512.IsHardwareAccelerated), null);
        }
        catch (DlpException e)
        {
            return (0, e.Message);
        }
    }

    /// <summary>
    /// The width for a <paramref name="setting"/> of <c>DLP_SIMD_WIDTH</c> (null or empty: automatic) on a CPU with or
    /// without AVX-512F (<paramref name="avx512"/>) on which .NET does or does not accelerate <see cref="Vector512"/>.
    /// </summary>
    internal static int Choose(string? setting, bool avx512, bool vector512Accelerated)
    {
        switch (setting?.Trim())
        {
            case null or "":
                return avx512 && vector512Accelerated ? 512 : 256;
            case "256":
                return 256;
            case "512" when avx512:
                return 512;
            case "512":
                throw new DlpException($"{EnvironmentVariable}=512 needs a CPU with AVX-512F, which this one lacks: unset {EnvironmentVariable} or set it to 256.");
            default:
                throw new DlpException($"{EnvironmentVariable} is '{setting}': set it to 256 or 512, or unset it to choose from the CPU.");
        }
    }
}
