using DeepLearningPipelines.Tests.Support;

namespace DeepLearningPipelines.Tests.Cli.Reliability;

/// <summary>Unreadable and missing images in <c>featurize</c> and <c>predict</c>: counted, named, and an error when nothing is left.</summary>
public class ImageDropTests
{
    private static string Samples => Path.Combine(TestPaths.RepoRoot, "samples");
    private static string SqueezeNet => Path.Combine(Samples, "models", "squeezenet1.1", "model.onnx");

    /// <summary>A folder with <paramref name="good"/> photos and <paramref name="bad"/> text files named .jpg.</summary>
    private static (string Folder, List<string> Bad) Images(int good, int bad)
    {
        var folder = TestPaths.NewTempDir();
        foreach (var photo in Directory.GetFiles(Path.Combine(Samples, "birds-planes", "birds")).Order().Take(good))
            File.Copy(photo, Path.Combine(folder, Path.GetFileName(photo)));
        var broken = Enumerable.Range(0, bad).Select(i => Path.Combine(folder, $"broken-{i:D2}.jpg")).ToList();
        foreach (var path in broken) File.WriteAllText(path, "not an image");
        return (folder, broken);
    }

    private static (int, string, string) Featurize(string images, string outFile, params string[] extra) =>
        DlpProcess.Run(["featurize", "--images", images, "--model", SqueezeNet, "--bgr", "--feature-layer", "fire9/concat_1", "--out", outFile, .. extra]);

    [Fact]
    public void FeaturizeNamesTheSkippedFilesAndWritesTheRest()
    {
        var (folder, bad) = Images(good: 2, bad: 1);
        string outFile = Path.Combine(TestPaths.NewTempDir(), "f.csv");
        var (code, _, stderr) = Featurize(folder, outFile);
        Assert.True(code == 0, stderr);
        Assert.Contains($"skipped 1 of 3 file(s), not readable images: {bad[0]}.", stderr);
        Assert.Equal(2, File.ReadAllLines(outFile).Length);
    }

    [Fact]
    public void FeaturizeFailsWhenNoImageIsReadableAndNamesTenThenCounts()
    {
        var (folder, bad) = Images(good: 0, bad: 12);
        string outFile = Path.Combine(TestPaths.NewTempDir(), "f.csv");
        string error = CliAssert.FailsCleanly(Featurize(folder, outFile));
        Assert.Contains($"none of the 12 file(s) is a readable image: {string.Join(", ", bad.Take(10))} and 2 more.", error);
        Assert.False(File.Exists(outFile));
    }

    [Fact]
    public void PredictOnAnEmptyFolderSaysSo()
    {
        var folder = TestPaths.NewTempDir();
        Assert.Equal($"error: no images found in {folder}.", CliAssert.FailsCleanly(DlpProcess.Run("predict", "--model", SqueezeNet, folder)));
    }

    [Fact]
    public void PredictSkipsABadImageLikeFeaturizeAndStopsWithDropInvalidFalse()
    {
        var (folder, bad) = Images(good: 1, bad: 1);
        var (code, stdout, stderr) = DlpProcess.Run("predict", "--model", SqueezeNet, "--bgr", "--json", folder);
        Assert.True(code == 0, stderr);
        Assert.Contains($"skipped 1 of 2 file(s), not readable images: {bad[0]}.", stderr);
        Assert.Contains("bird-001.jpg", stdout);

        string error = CliAssert.FailsCleanly(DlpProcess.Run("predict", "--model", SqueezeNet, "--bgr", "--drop-invalid", "false", folder));
        Assert.Contains(bad[0], error);
    }

    public static TheoryData<string[]> OutOfRangeCounts => new()
    {
        new[] { "predict", "--top", "0" },
        new[] { "predict", "--top", "-1" },
        new[] { "predict", "--size", "0" },
        new[] { "predict", "--size", "-1" },
        new[] { "featurize", "--images", ".", "--out", "f.csv", "--size", "0" },
    };

    [Theory]
    [MemberData(nameof(OutOfRangeCounts))]
    public void CountsBelowOneAreRejected(string[] args)
    {
        string error = CliAssert.FailsCleanly(DlpProcess.Run([.. args, Path.Combine(Samples, "birds-planes", "birds", "bird-001.jpg")]));
        Assert.Contains($"{args[^2]} must be at least 1", error);
        Assert.Contains($"got {args[^1]}", error);
    }

    [Fact]
    public void HelpDocumentsDropInvalid()
    {
        foreach (var command in new[] { "predict", "featurize" })
        {
            var (code, stdout, _) = DlpProcess.Run(command, "--help");
            Assert.Equal(0, code);
            Assert.Contains("--drop-invalid", stdout);
        }
    }
}
