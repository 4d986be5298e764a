using DeepLearningPipelines.Nn.Kernels;

namespace DeepLearningPipelines.Tests.Nn.Kernels;

/// <summary>A theory that runs the 512-bit kernels; skipped on CPUs without AVX-512F, which cannot run them.</summary>
public sealed class Simd512TheoryAttribute : TheoryAttribute
{
    public Simd512TheoryAttribute()
    {
        if (!SimdWidth.Is512Supported) Skip = Simd512.SkipReason;
    }
}

/// <summary>A fact that runs the 512-bit kernels; skipped like <see cref="Simd512TheoryAttribute"/>.</summary>
public sealed class Simd512FactAttribute : FactAttribute
{
    public Simd512FactAttribute()
    {
        if (!SimdWidth.Is512Supported) Skip = Simd512.SkipReason;
    }
}

internal static class Simd512
{
    public const string SkipReason = "This CPU lacks AVX-512F, so the 512-bit kernels cannot run here (the 256-bit twin of this test still runs).";
}
