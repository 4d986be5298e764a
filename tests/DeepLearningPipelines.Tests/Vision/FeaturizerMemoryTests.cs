using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Tests.Support;
using DeepLearningPipelines.Vision.Imaging;
using DeepLearningPipelines.Vision.Sources;
using DeepLearningPipelines.Vision.Stages;
using Xunit.Abstractions;

namespace DeepLearningPipelines.Tests.Vision;

/// <summary>
/// A featurizing pipeline streams: generated 64×64 images (a <c>Range</c> mapped to Spark image structs) through
/// <see cref="DeepImageFeaturizer"/> into an aggregate hold a few batches at a time, so ten times the rows does not
/// raise the peak live managed heap above what it was before the run. The feature cache is off: by design it keeps
/// features up to its capacity (1 GiB).
/// </summary>
[Collection(nameof(MemoryMeasurement))]
public class FeaturizerMemoryTests(ITestOutputHelper output)
{
    private const int Side = 64;

    /// <summary>
    /// What 100,000 rows may add to the sampled peak of 10,000: far below the 1.2 GB of their pixels, above the run-to-run
    /// spread of the sample (up to about 20 MB on many-core machines: how many batches are in flight at a sample, and
    /// how many buffers the per-core array pools keep).
    /// </summary>
    private const long PeakMargin = 32L << 20;

    /// <summary>
    /// What 100,000 rows may leave behind beyond what 10,000 left, once the run is over: under 25 bytes a row, so a
    /// leak of anything per row (an image, a key, a boxed value) fails.
    /// </summary>
    private const long RetainedMargin = 2L << 20;

    [Fact]
    public void PeakHeapGrowthIsFlatFromTenThousandToAHundredThousandImages()
    {
        var session = DlpSession.Builder().Master("local[2]").AppName(nameof(FeaturizerMemoryTests)).GetOrCreate();
        var model = TinyFeatureModel.Write(Path.Combine(TestPaths.NewTempDir(), "tiny.onnx"), seed: 3);
        var featurizer = new DeepImageFeaturizer().SetModelName(model).SetUseCache(false);
        Run(featurizer, session, 2_000); // loads and compiles the model, warms the pools
        var small = new[] { Run(featurizer, session, 10_000), Run(featurizer, session, 10_000) };
        var large = Run(featurizer, session, 100_000);
        long smallPeak = small.Max(r => r.Peak), smallRetained = small.Max(r => r.Retained);
        output.WriteLine($"peak live heap growth: {smallPeak >> 10} KiB for 10,000 rows, {large.Peak >> 10} KiB for 100,000; " +
                         $"retained after: {smallRetained >> 10} KiB, {large.Retained >> 10} KiB");
        Assert.Equal([10_000, 10_000, 100_000], small.Append(large).Select(r => r.Rows));
        Assert.True(large.Peak <= smallPeak + PeakMargin,
            $"the live heap grew by {smallPeak >> 10} KiB over 10,000 rows but by {large.Peak >> 10} KiB over 100,000 rows, more than {PeakMargin >> 10} KiB further");
        Assert.True(large.Retained <= smallRetained + RetainedMargin,
            $"10,000 rows left {smallRetained >> 10} KiB on the heap but 100,000 rows left {large.Retained >> 10} KiB, more than {RetainedMargin >> 10} KiB further");
    }

    private static (long Rows, long Peak, long Retained) Run(DeepImageFeaturizer featurizer, DlpSession session, int rows)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var sampler = new HeapPeak();
        long featurized = featurizer.Transform(Images(session, rows)).Aggregate(() => 0L,
            (n, batch) => n + batch.ColumnValues(batch.Schema.FieldIndex("features")).Count(v => v is Vector { Size: TinyFeatureModel.Features }), (a, b) => a + b);
        long peak = sampler.Stop();
        return (featurized, peak, HeapPeak.Live() - sampler.Baseline);
    }

    /// <summary><paramref name="rows"/> distinct 64×64 BGR images, made batch by batch from a <c>Range</c>.</summary>
    private static DataFrame Images(DlpSession session, int rows) => session.Range(0, rows).MapBatches(batch =>
    {
        var images = new object?[batch.RowCount];
        for (int r = 0; r < batch.RowCount; r++)
        {
            long id = (long)batch.GetValue(0, r)!;
            var pixels = new byte[Side * Side * 3];
            for (int i = 0; i < pixels.Length; i++) pixels[i] = (byte)(id * 31 + i * 7);
            images[r] = ImageSchema.ToRow(new ImageData(Side, Side, 3, pixels), $"generated-{id}");
        }
        return RowBatch.FromRows(ImageSchema.ImageFields, images.Select(image => new[] { image }).ToArray());
    }, ImageSchema.ImageFields, "generate images");

    /// <summary>
    /// How far the live managed heap rose above its size at the start: every 20 ms a full blocking collection, then the
    /// heap it left (less fragmentation). Collections of younger generations alone would also count garbage that
    /// reached gen 2, which grows with the run's length, not with what the pipeline holds.
    /// </summary>
    private sealed class HeapPeak : IDisposable
    {
        private readonly Thread _thread;
        /// <summary>The live heap when sampling started.</summary>
        public long Baseline { get; } = Live();
        private volatile bool _stop;
        private long _peak;

        public HeapPeak()
        {
            _thread = new Thread(() =>
            {
                do
                {
                    _peak = Math.Max(_peak, Live());
                    Thread.Sleep(20);
                } while (!_stop);
            }) { IsBackground = true };
            _thread.Start();
        }

        /// <summary>The live heap after a full blocking collection.</summary>
        public static long Live()
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true);
            var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
            return info.HeapSizeBytes - info.FragmentedBytes;
        }

        public long Stop()
        {
            _stop = true;
            _thread.Join();
            return _peak - Baseline;
        }

        public void Dispose() => Stop();
    }
}
