using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Tests.Support;
using DeepLearningPipelines.Vision.Sources;
using DeepLearningPipelines.Vision.Stages;

namespace DeepLearningPipelines.Tests.Vision;

/// <summary>
/// The featurizer gives the same features on both engines (within 1e-5 of the largest feature magnitude: the engines
/// sum in different orders, fp32 carries about 7 digits), saves
/// its engine, and a saved pipeline runs on the other engine when asked.
/// </summary>
public class FeaturizerEngineTests
{
    private static readonly DlpSession Session = DlpSession.Builder().Master("local[2]").GetOrCreate();

    private static DataFrame Photos()
    {
        var dir = TestPaths.NewTempDir();
        foreach (var n in new[] { "chelsea", "coffee", "rocket" }) File.Copy(SharedModels.Image(n + ".png"), Path.Combine(dir, n + ".png"));
        return Session.ReadImages(dir, new ImageReadOptions { NumPartitions = 3 });
    }

    private static Dictionary<string, double[]> Features(DeepImageFeaturizer featurizer, DataFrame photos) =>
        featurizer.Transform(photos).Collect().ToDictionary(r => ImageSchema.Origin((Row)r["image"]!), r => ((Vector)r["features"]!).ToArray());

    [Theory]
    [InlineData("avg")]
    [InlineData("flatten")]
    public void BothEnginesGiveTheSameFeatures(string pooling)
    {
        var photos = Photos();
        DeepImageFeaturizer Featurizer(string engine) => new DeepImageFeaturizer().SetModelName(SharedModels.SqueezeNet).SetBgr(true)
            .SetFeatureLayer("fire9/concat_1").SetPooling(pooling).SetUseCache(false).SetBatchSize(1).SetEngine(engine);
        var managed = Features(Featurizer("managed"), photos);
        var onnxRuntime = Features(Featurizer("onnxruntime"), photos);
        Assert.Equal(3, managed.Count);
        foreach (var (origin, values) in managed)
        {
            Assert.Equal(pooling == "avg" ? 512 : 13 * 13 * 512, values.Length);
            double err = values.Zip(onnxRuntime[origin], (a, b) => Math.Abs(a - b)).Max(), scale = values.Max(Math.Abs);
            Assert.True(err <= 1e-5 * scale, $"{origin}: max |managed - onnxruntime| = {err} of max |feature| {scale}");
        }
    }

    [Fact]
    public void TheEngineIsSavedAndALoadedStageRunsOnEither()
    {
        var featurizer = new DeepImageFeaturizer().SetModelName(SharedModels.SqueezeNet).SetBgr(true).SetFeatureLayer("fire9/concat_1").SetEngine("managed").SetUseCache(false);
        var dir = Path.Combine(TestPaths.NewTempDir(), "featurizer");
        featurizer.Save(dir);
        var loaded = DeepImageFeaturizer.Load(dir);
        Assert.Equal("managed", loaded.Get(loaded.Image.Engine));
        var photos = Photos();
        var managed = Features(loaded, photos);
        var onnxRuntime = Features(loaded.SetEngine("onnxruntime"), photos);
        foreach (var (origin, values) in managed)
            Assert.True(values.Zip(onnxRuntime[origin], (a, b) => Math.Abs(a - b)).Max() <= 1e-5 * values.Max(Math.Abs), origin);
    }

    [Fact]
    public void AnUnknownEngineIsRejected()
    {
        var e = Assert.ThrowsAny<Exception>(() => new DeepImageFeaturizer().SetEngine("tensorrt"));
        Assert.Contains("onnxruntime", e.Message);
    }
}
