using System.Security.Cryptography;
using System.Text.Json.Nodes;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Ml;
using DeepLearningPipelines.Nn.Zoo;
using DeepLearningPipelines.Tests.Support;
using DeepLearningPipelines.Vision.Models;
using DeepLearningPipelines.Vision.Sources;
using DeepLearningPipelines.Vision.Stages;

namespace DeepLearningPipelines.Tests.Vision;

/// <summary>
/// Cached features and loaded models belong to one set of weights in one session: models are told apart by the
/// SHA-256 of their weights files (not by their folder/file name), a replaced file is loaded again, and each session
/// has its own feature cache, counters and loaded models.
/// </summary>
public class FeatureCacheIdentityTests
{
    private static DlpSession NewSession() => DlpSession.Builder().Master("local[2]").NewSession();

    private static string ModelIn(string folder, int seed) => TinyFeatureModel.Write(Path.Combine(folder, "net", "model.onnx"), seed);

    private static double[][] Featurize(DlpSession session, string model, bool useCache = true) =>
        new DeepImageFeaturizer().SetModelName(model).SetUseCache(useCache).Transform(TinyFeatureModel.Images(session)).Collect()
            .OrderBy(r => ImageSchema.Origin((Row)r["image"]!), StringComparer.Ordinal)
            .Select(r => ((Vector)r["features"]!).ToArray())
            .ToArray();

    private static string Sha256Of(params string[] files) =>
        Convert.ToHexStringLower(SHA256.HashData(files.SelectMany(File.ReadAllBytes).ToArray()));

    [Fact]
    public void ModelsWithTheSameFolderAndFileNamesDoNotShareCachedFeatures()
    {
        using var session = NewSession();
        string first = ModelIn(TestPaths.NewTempDir(), seed: 1), second = ModelIn(TestPaths.NewTempDir(), seed: 2);
        var firstFeatures = Featurize(session, first);
        var secondFeatures = Featurize(session, second);
        Assert.Equal(Featurize(session, second, useCache: false), secondFeatures);
        Assert.NotEqual(firstFeatures, secondFeatures);
        Assert.Equal(6, FeatureCache.For(session).Misses);
        Assert.Equal(0, FeatureCache.For(session).Hits);
    }

    [Fact]
    public void WeightsSha256IsTheHashOfTheModelFile()
    {
        using var session = NewSession();
        string first = ModelIn(TestPaths.NewTempDir(), seed: 1), second = ModelIn(TestPaths.NewTempDir(), seed: 2);
        var firstSpec = ImageModels.Get(session, first, withTop: false).Spec;
        var secondSpec = ImageModels.Get(session, second, withTop: false).Spec;
        Assert.Equal(firstSpec.Name, secondSpec.Name);
        Assert.Equal(Sha256Of(first), firstSpec.WeightsSha256);
        Assert.Equal(Sha256Of(second), secondSpec.WeightsSha256);
        Assert.NotEqual(firstSpec.CacheKey, secondSpec.CacheKey);
    }

    [Fact]
    public void AReplacedModelFileIsLoadedAgain()
    {
        using var session = NewSession();
        string path = ModelIn(TestPaths.NewTempDir(), seed: 1);
        var before = Featurize(session, path);
        var loaded = ImageModels.Get(session, path, withTop: false);
        TinyFeatureModel.Write(path, seed: 2);
        var after = Featurize(session, path);
        var reloaded = ImageModels.Get(session, path, withTop: false);
        Assert.NotSame(loaded, reloaded);
        Assert.Equal(Sha256Of(path), reloaded.Spec.WeightsSha256);
        Assert.NotEqual(before, after);
        using var fresh = NewSession();
        Assert.Equal(Featurize(fresh, path), after);
    }

    [Fact]
    public void TfjsModelsAreNamedByModelJsonAndShardsAsFilesAndAsZooModels()
    {
        var models = TestPaths.NewTempDir();
        var folder = Path.Combine(models, "MobileNet_0.25");
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(Path.Combine(SharedModels.Folder, "mobilenet_v1_0.25")))
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        string modelJson = Path.Combine(folder, "model.json");
        var shards = ((JsonArray)JsonNode.Parse(File.ReadAllText(modelJson))!["weightsManifest"]!)
            .SelectMany(g => (JsonArray)g!["paths"]!).Select(p => Path.Combine(folder, (string)p!)).ToArray();
        using var session = NewSession();
        ImageModels.For(session).Registry = new ModelRegistry(new ModelRegistryOptions { ModelsDirectory = models, AllowDownload = false });

        var asFile = ImageModels.Get(session, modelJson, withTop: false);
        Assert.Equal(Sha256Of([modelJson, .. shards]), asFile.Spec.WeightsSha256);
        Assert.Equal(asFile.Spec.WeightsSha256, ImageModels.Get(session, "MobileNet_0.25", withTop: false).Spec.WeightsSha256);

        var bytes = File.ReadAllBytes(shards[^1]);
        bytes[0] ^= 0xFF;
        File.WriteAllBytes(shards[^1], bytes);
        var reloaded = ImageModels.Get(session, modelJson, withTop: false);
        Assert.NotSame(asFile, reloaded);
        Assert.Equal(Sha256Of([modelJson, .. shards]), reloaded.Spec.WeightsSha256);
        Assert.NotEqual(asFile.Spec.WeightsSha256, reloaded.Spec.WeightsSha256);
    }

    [Fact]
    public void SessionsHaveTheirOwnCachesCountersAndModels()
    {
        string path = ModelIn(TestPaths.NewTempDir(), seed: 1);
        using var one = NewSession();
        using var two = NewSession();
        var features = Featurize(one, path);
        Assert.Equal(features, Featurize(one, path));
        Assert.Equal(features, Featurize(two, path));
        Assert.Equal((3L, 3L), (FeatureCache.For(one).Misses, FeatureCache.For(one).Hits));
        Assert.Equal((3L, 0L), (FeatureCache.For(two).Misses, FeatureCache.For(two).Hits));
        FeatureCache.For(two).Clear();
        Assert.Equal(3, FeatureCache.For(one).Count);
        Assert.NotSame(ImageModels.Get(one, path, withTop: false), ImageModels.Get(two, path, withTop: false));
    }

    [Fact]
    public void CountersStayExactWhileOtherSessionsFeaturizeAndClear()
    {
        string path = ModelIn(TestPaths.NewTempDir(), seed: 1);
        Parallel.For(0, 12, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ =>
        {
            using var session = NewSession();
            var cache = FeatureCache.For(session);
            var first = Featurize(session, path);
            Assert.Equal((3L, 0L), (cache.Misses, cache.Hits));
            Assert.Equal(first, Featurize(session, path));
            Assert.Equal((3L, 3L), (cache.Misses, cache.Hits));
            cache.Clear();
            Assert.Equal((0, 0L), (cache.Count, cache.Misses));
        });
    }
}
