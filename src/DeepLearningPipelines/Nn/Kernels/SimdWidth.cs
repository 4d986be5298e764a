using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Nn.Kernels;

/// <summary>
/// Vector width, in bits, of the <see cref="Sgemm"/> micro-kernels: 512 where the CPU runs AVX-512 at full width
/// (AMD Zen 5 and later, Intel with AVX-512F), else 256 (AMD Zen 4 splits each 512-bit operation in two, so the
/// wider kernel gains nothing there). Chosen once per process; the environment variable <c>DLP_SIMD_WIDTH</c>
/// (<c>256</c> or <c>512</c>) overrides the choice.
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
        var (vendor, family) = Identify();
        try
        {
            return (Choose(Environment.GetEnvironmentVariable(EnvironmentVariable), Is512Supported, Vector512.IsHardwareAccelerated, vendor, family), null);
        }
        catch (DlpException e)
        {
            return (0, e.Message);
        }
    }

    /// <summary>
    /// The width for a <paramref name="setting"/> of <c>DLP_SIMD_WIDTH</c> (null or empty: automatic) on a CPU of
    /// <paramref name="vendor"/> (the CPUID vendor string) and display <paramref name="family"/>.
    /// </summary>
    internal static int Choose(string? setting, bool avx512, bool vector512Accelerated, string vendor, int family)
    {
        switch (setting?.Trim())
        {
            case null or "":
                return avx512 && vector512Accelerated && FullWidth(vendor, family) ? 512 : 256;
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

    /// <summary>Whether the CPU executes 512-bit operations at full width: Intel, and AMD from Zen 5 (family 1Ah) on.</summary>
    private static bool FullWidth(string vendor, int family) => vendor switch
    {
        "GenuineIntel" => true,
        "AuthenticAMD" => family >= 0x1A,
        _ => false,
    };

    /// <summary>The CPUID vendor string and display family (base family plus extended family), or ("", 0) off x86.</summary>
    private static (string Vendor, int Family) Identify()
    {
        if (!X86Base.IsSupported) return ("", 0);
        var (_, ebx, ecx, edx) = X86Base.CpuId(0, 0);
        Span<int> words = [ebx, edx, ecx];
        string vendor = System.Text.Encoding.ASCII.GetString(System.Runtime.InteropServices.MemoryMarshal.AsBytes(words));
        int eax = X86Base.CpuId(1, 0).Eax;
        int family = (eax >> 8) & 0xF;
        if (family == 0xF) family += (eax >> 20) & 0xFF;
        return (vendor, family);
    }
}
