using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Kernels;

namespace DeepLearningPipelines.Tests.Nn.Kernels;

public class SimdWidthTests
{
    [Fact]
    public void AutomaticChoiceIs512WhereAvx512IsAccelerated() =>
        Assert.Equal(512, SimdWidth.Choose(null, avx512: true, vector512Accelerated: true));

    // .NET reports Vector512 as not accelerated on CPUs that slow down at 512 bits, and on those without AVX-512.
    [Fact]
    public void AutomaticChoiceNeedsAcceleratedVector512()
    {
        Assert.Equal(256, SimdWidth.Choose("", avx512: true, vector512Accelerated: false));
        Assert.Equal(256, SimdWidth.Choose(null, avx512: false, vector512Accelerated: false));
    }

    [Fact]
    public void EnvironmentSettingOverridesTheCpuModel()
    {
        Assert.Equal(512, SimdWidth.Choose("512", avx512: true, vector512Accelerated: true));
        Assert.Equal(512, SimdWidth.Choose(" 512 ", avx512: true, vector512Accelerated: false));
        Assert.Equal(256, SimdWidth.Choose("256", avx512: true, vector512Accelerated: true));
    }

    [Fact]
    public void UnusableEnvironmentSettingsAreRejected()
    {
        var missing = Assert.Throws<DlpException>(() => SimdWidth.Choose("512", avx512: false, vector512Accelerated: false));
        Assert.Contains("DLP_SIMD_WIDTH=512 needs a CPU with AVX-512F", missing.Message);
        var garbage = Assert.Throws<DlpException>(() => SimdWidth.Choose("1024", avx512: true, vector512Accelerated: true));
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
