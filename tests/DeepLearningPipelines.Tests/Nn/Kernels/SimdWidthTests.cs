using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Kernels;

namespace DeepLearningPipelines.Tests.Nn.Kernels;

public class SimdWidthTests
{
    [Theory]
    [InlineData("AuthenticAMD", 0x19, 256)] // Zen 4: 512-bit operations run as two 256-bit halves.
    [InlineData("AuthenticAMD", 0x1A, 512)] // Zen 5: full-width AVX-512.
    [InlineData("AuthenticAMD", 0x17, 256)]
    [InlineData("GenuineIntel", 6, 512)]
    [InlineData("HygonGenuine", 0x18, 256)]
    public void AutomaticChoiceFollowsTheCpuModel(string vendor, int family, int expected) =>
        Assert.Equal(expected, SimdWidth.Choose(null, avx512: true, vector512Accelerated: true, vendor, family));

    // .NET reports Vector512 as not accelerated on CPUs that slow down at 512 bits, and on those without AVX-512.
    [Fact]
    public void AutomaticChoiceNeedsAcceleratedVector512()
    {
        Assert.Equal(256, SimdWidth.Choose("", avx512: true, vector512Accelerated: false, "GenuineIntel", 6));
        Assert.Equal(256, SimdWidth.Choose(null, avx512: false, vector512Accelerated: false, "AuthenticAMD", 0x1A));
    }

    [Fact]
    public void EnvironmentSettingOverridesTheCpuModel()
    {
        Assert.Equal(512, SimdWidth.Choose("512", avx512: true, vector512Accelerated: true, "AuthenticAMD", 0x19));
        Assert.Equal(512, SimdWidth.Choose(" 512 ", avx512: true, vector512Accelerated: false, "GenuineIntel", 6));
        Assert.Equal(256, SimdWidth.Choose("256", avx512: true, vector512Accelerated: true, "AuthenticAMD", 0x1A));
    }

    [Fact]
    public void UnusableEnvironmentSettingsAreRejected()
    {
        var missing = Assert.Throws<DlpException>(() => SimdWidth.Choose("512", avx512: false, vector512Accelerated: false, "AuthenticAMD", 0x17));
        Assert.Contains("DLP_SIMD_WIDTH=512 needs a CPU with AVX-512F", missing.Message);
        var garbage = Assert.Throws<DlpException>(() => SimdWidth.Choose("1024", avx512: true, vector512Accelerated: true, "GenuineIntel", 6));
        Assert.Contains("DLP_SIMD_WIDTH is '1024': set it to 256 or 512", garbage.Message);
    }

    [Simd512Fact]
    public async Task OverrideFlowsIntoParallelWorkAndIsUndone()
    {
        int outside = SimdWidth.Current;
        using (SimdWidth.Use(512))
        {
            var seen = new int[64];
            Parallel.For(0, seen.Length, i => seen[i] = SimdWidth.Current);
            Assert.All(seen, w => Assert.Equal(512, w));
            Assert.Equal(512, await Task.Run(() => SimdWidth.Current));
            using (SimdWidth.Use(256)) Assert.Equal(256, SimdWidth.Current);
            Assert.Equal(512, SimdWidth.Current);
        }
        Assert.Equal(outside, SimdWidth.Current);
    }

    [Fact]
    public void OverrideRejectsOtherWidths() => Assert.Throws<ArgumentOutOfRangeException>(() => SimdWidth.Use(128));
}
