using DeepLearningPipelines.Core;
using DeepLearningPipelines.Ml;
using DeepLearningPipelines.Streaming;
using DeepLearningPipelines.Tests.Support;
using DeepLearningPipelines.Tests.Vision;
using DeepLearningPipelines.Vision.Stages;
using static DeepLearningPipelines.Frames.Functions;

namespace DeepLearningPipelines.Tests.Streaming;

/// <summary>Image streams: a fitted model stage runs on every micro-batch; corrupt images are dropped, counted and kept aside.</summary>
public class StreamingImageTests
{
    [Fact]
    public void AFeaturizerRunsOnEachMicroBatchAndCorruptImagesGoToTheDeadLetterFolder()
    {
        using var session = StreamFiles.NewSession();
        var (input, deadLetter) = (TestPaths.NewTempDir(), TestPaths.NewTempDir());
        var model = TinyFeatureModel.Write(Path.Combine(TestPaths.NewTempDir(), "tiny.onnx"), seed: 4);
        for (int i = 0; i < 3; i++) StreamFiles.Arrive(input, $"img{i}.png", StreamFiles.Png(i));
        var broken = StreamFiles.Arrive(input, "broken.png", "not a png"u8.ToArray());

        var images = session.ReadStream().Format("image").Option("deadLetter", deadLetter).Option("maxFilesPerTrigger", 2).Load(input);
        var featurizer = new DeepImageFeaturizer().SetModelName(model).SetOutputCol("features");
        var pipeline = new PipelineModel(null, [featurizer]);
        var features = pipeline.Transform(images).Select(Col("image.origin").Alias("origin"), Col("features"));
        var query = features.WriteStream().Format("memory").QueryName("features").Trigger(Trigger.AvailableNow).Start();
        Assert.True(query.AwaitTermination(TimeSpan.FromSeconds(60)));

        var rows = session.Table("features").Collect();
        Assert.Equal(Enumerable.Range(0, 3).Select(i => Path.Combine(input, $"img{i}.png")), rows.Select(r => (string)r["origin"]!).Order());
        Assert.All(rows, r => Assert.IsAssignableFrom<Vector>(r["features"]));
        Assert.Equal(3, query.RecentProgress.Sum(p => p.NumInputRows));
        Assert.Equal(1, query.RecentProgress.Sum(p => p.NumDroppedRows));
        Assert.Equal(File.ReadAllBytes(broken), File.ReadAllBytes(Path.Combine(deadLetter, "broken.png")));
        Assert.Contains(broken, File.ReadAllText(Path.Combine(deadLetter, "broken.png.reason.txt")));
    }

    [Fact]
    public void WithDropInvalidFalseACorruptImageFailsTheBatch()
    {
        using var session = StreamFiles.NewSession();
        var input = TestPaths.NewTempDir();
        var broken = StreamFiles.Arrive(input, "broken.png", "not a png"u8.ToArray());
        var query = session.ReadStream().Format("image").Option("dropInvalid", false).Load(input)
            .WriteStream().Format("memory").QueryName("strict").Trigger(Trigger.AvailableNow).Start();
        var e = Assert.Throws<StreamingQueryException>(() => query.AwaitTermination(TimeSpan.FromSeconds(30)));
        Assert.Contains(broken, e.Message);
    }
}
