using System.Text.RegularExpressions;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Tests.Support;
using DeepLearningPipelines.Vision.Codecs;
using DeepLearningPipelines.Vision.Sources;

namespace DeepLearningPipelines.Tests.Vision;

/// <summary>Runs alone (no other test allocates meanwhile) so that process-wide memory counters measure only its work.</summary>
[CollectionDefinition(nameof(MemoryMeasurement), DisableParallelization = true)]
public sealed class MemoryMeasurement;

/// <summary>
/// A folder of 10000×10000 16-bit RGBA PNGs (0.8 GB of raw samples each, about 1.2 MB on disk) read for a 299×299 model
/// must not hold a full frame per image: the reader allocates a few MB per image and peak memory stays bounded.
/// </summary>
[Collection(nameof(MemoryMeasurement))]
public class ReducedDecodeMemoryTests
{
    private const int Side = 10_000, Files = 4, Target = 299;
    private const long AllocationBound = 32L << 20, PeakBound = 128L << 20;
    private static readonly (byte, byte)[] Delta = [(0, 1), (1, 0), (0, 0), (0, 0)];

    private static ushort Gradient(int x, int s) => (ushort)(s switch { 0 => x * 6, 1 => 65535 - x * 6, 2 => 30000, _ => 65535 });

    [Fact]
    public void HugeSixteenBitPngsDecodeForASmallTargetInBoundedMemory()
    {
        var dir = TestPaths.NewTempDir();
        var png = Png16Writer.Encode(Side, Side, Gradient, Delta);
        Assert.True(png.Length < 2 << 20, $"fixture is {png.Length} bytes");
        for (var i = 0; i < Files; i++) File.WriteAllBytes(Path.Combine(dir, $"huge-{i}.png"), png);
        var session = DlpSession.Builder().Master("local[2]").GetOrCreate();
        var options = new ImageReadOptions { NumPartitions = Files, Decode = new DecodeOptions { TargetWidth = Target, TargetHeight = Target } };

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var peak = PeakResidentSet.Start();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var rows = session.ReadImages(dir, options).Collect();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var peakGrowth = peak?.Growth();

        var report = $"allocated {allocated >> 20} MiB, peak resident set grew by " +
                     (peakGrowth is { } growth ? $"{growth >> 20} MiB" : "(not measurable here)") +
                     $" reading {Files} images (bounds {AllocationBound >> 20} and {PeakBound >> 20} MiB)";
        Assert.True(allocated < AllocationBound, report);
        Assert.True(peakGrowth is null || peakGrowth < PeakBound, report);
        Assert.Equal(Files, rows.Length);
        var factor = Side / Target;
        foreach (var row in rows)
        {
            var image = ImageSchema.ToImage((Row)row["image"]!);
            Assert.Equal((304, 304, 4), (image.Width, image.Height, image.Channels));
            foreach (var (ox, oy) in new[] { (0, 0), (150, 77), (303, 303) })
            {
                var bgr = image.Pixels.AsSpan((oy * image.Width + ox) * 4, 4);
                Assert.Equal(ExpectedMean(ox, oy, 0, factor), bgr[2]);
                Assert.Equal(ExpectedMean(ox, oy, 1, factor), bgr[1]);
            }
        }
    }

    /// <summary>The rounded mean of the high bytes of sample <paramref name="s"/> over output pixel (ox, oy)'s block.</summary>
    private static byte ExpectedMean(int ox, int oy, int s, int factor)
    {
        long sum = 0, count = 0;
        for (var y = oy * factor; y < Math.Min(Side, (oy + 1) * factor); y++)
            for (var x = ox * factor; x < Math.Min(Side, (ox + 1) * factor); x++, count++)
                sum += Png16Writer.High(Gradient, Delta, x, y, s);
        return (byte)((sum + count / 2) / count);
    }

    /// <summary>Linux's peak resident set (VmHWM), reset through /proc/self/clear_refs; null where that is unavailable.</summary>
    private sealed class PeakResidentSet
    {
        private readonly long _baseline;

        private PeakResidentSet(long baseline) => _baseline = baseline;

        public static PeakResidentSet? Start()
        {
            try
            {
                File.WriteAllText("/proc/self/clear_refs", "5");
                return new PeakResidentSet(Read("VmRSS"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }

        public long? Growth() => Read("VmHWM") - _baseline;

        private static long Read(string field) =>
            long.Parse(Regex.Match(File.ReadAllText("/proc/self/status"), $@"{field}:\s+(\d+) kB").Groups[1].Value) * 1024;
    }
}
