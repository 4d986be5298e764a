using DeepLearningPipelines.Tests.Support;

namespace DeepLearningPipelines.Tests.Cli;

/// <summary>
/// <c>dlp featurize --cache DIR</c> and <c>dlp predict --cache DIR</c> keep one entry per image between runs, and a
/// second run gives the same output as the first (and as a run without the cache).
/// </summary>
public class FeaturizeCacheTests
{
    private static readonly string Planes = Path.Combine(TestPaths.Shared, "data", "birds-planes", "planes");

    private static string[] Featurize(string outFile, params string[] extra)
    {
        var (code, _, stderr) = DlpProcess.Run(["featurize", "--images", Planes, "--model", SharedModels.SqueezeNet, "--bgr",
            "--feature-layer", "fire9/concat_1", "--out", outFile, .. extra]);
        Assert.True(code == 0, stderr);
        return File.ReadAllLines(outFile).Order(StringComparer.Ordinal).ToArray();
    }

    [Fact]
    public void ASecondRunWithTheCacheWritesTheSameFeatures()
    {
        var dir = TestPaths.NewTempDir();
        var cache = Path.Combine(dir, "features");
        var first = Featurize(Path.Combine(dir, "first.csv"), "--cache", cache);
        Assert.Equal(30, Directory.GetFiles(cache).Length);
        var second = Featurize(Path.Combine(dir, "second.csv"), "--cache", cache);
        Assert.Equal(30, Directory.GetFiles(cache).Length);
        Assert.Equal(first, second);
        Assert.Equal(first, Featurize(Path.Combine(dir, "uncached.csv")));
    }

    [Fact]
    public void ASecondPredictWithTheCachePrintsTheSameClasses()
    {
        var cache = Path.Combine(TestPaths.NewTempDir(), "probabilities");
        string Predict(params string[] extra)
        {
            var (code, stdout, stderr) = DlpProcess.Run(["predict", "--model", SharedModels.SqueezeNet, "--bgr", "--json", .. extra, Planes]);
            Assert.True(code == 0, stderr);
            return stdout;
        }
        var first = Predict("--cache", cache);
        Assert.Equal(30, Directory.GetFiles(cache).Length);
        Assert.Equal(first, Predict("--cache", cache));
        Assert.Equal(first, Predict());
    }
}
