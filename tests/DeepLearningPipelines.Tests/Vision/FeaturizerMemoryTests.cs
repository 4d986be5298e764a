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
    /// What 100,000 rows may add to the growth of 10,000: far below the 1.2 GB of their pixels, above the run-to-run
    /// spread of the sampled peak (up to about 10 MB: how many batches happen to be in flight at a sample).
    /// </summary>
    private const long Margin = 16L << 20;

    [Fact]
    public void PeakHeapGrowthIsFlatFromTenThousandToAHundredThousandImages()
    {
        var session = DlpSession.Builder().Master("local[2]").AppName(nameof(FeaturizerMemoryTests)).GetOrCreate();
        var model = TinyFeatureModel.Write(Path.Combine(TestPaths.NewTempDir(), "tiny.onnx"), seed: 3);
        var featurizer = new DeepImageFeaturizer().SetModelName(model).SetUseCache(false);
        Run(featurizer, session, 2_000); // loads and compiles the model, warms the pools
        var small = Run(featurizer, session, 10_000);
        var large = Run(featurizer, session, 100_000);
        output.WriteLine($"peak live heap growth: {small.Growth >> 10} KiB for 10,000 rows, {large.Growth >> 10} KiB for 100,000");
        Assert.Equal((10_000, 100_000), (small.Rows, large.Rows));
        Assert.True(large.Growth <= small.Growth + Margin,
            $"the live heap grew by {small.Growth >> 10} KiB over 10,000 rows but by {large.Growth >> 10} KiB over 100,000 rows, more than {Margin >> 10} KiB further");
    }

    private static (long Rows, long Growth) Run(DeepImageFeaturizer featurizer, DlpSession session, int rows)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var sampler = new HeapPeak();
        long featurized = featurizer.Transform(Images(session, rows)).Aggregate(() => 0L,
            (n, batch) => n + batch.ColumnValues(batch.Schema.FieldIndex("features")).Count(v => v is Vector { Size: TinyFeatureModel.Features }), (a, b) => a + b);
        return (featurized, sampler.Stop());
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
    /// How far the live managed heap rose above its size at the start: every 50 ms a full blocking collection, then the
    /// heap it left (less fragmentation). Collections of younger generations alone would also count garbage that
    /// reached gen 2, which grows with the run's length, not with what the pipeline holds.
    /// </summary>
    private sealed class HeapPeak : IDisposable
    {
        private readonly Thread _thread;
        private readonly long _baseline = Live();
        private volatile bool _stop;
        private long _peak;

        public HeapPeak()
        {
            _thread = new Thread(() =>
            {
                do
                {
                    _peak = Math.Max(_peak, Live());
                    Thread.Sleep(50);
                } while (!_stop);
            }) { IsBackground = true };
            _thread.Start();
        }

        private static long Live()
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true);
            var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
            return info.HeapSizeBytes - info.FragmentedBytes;
        }

        public long Stop()
        {
            _stop = true;
            _thread.Join();
            return _peak - _baseline;
        }

        public void Dispose() => Stop();
    }
}
