using DeepLearningPipelines.Tests.Support;

namespace DeepLearningPipelines.Tests.Cli.Reliability;

/// <summary>Random bytes and malformed files given as models, and failed downloads: one error line naming the file.</summary>
public class ModelFileErrorTests
{
    public static TheoryData<string> RandomModelFiles => ["random.onnx", "model.json", "random.h5"];

    [Theory]
    [MemberData(nameof(RandomModelFiles))]
    public void RandomBytesAreAModelErrorNamingTheFile(string name)
    {
        string path = Path.Combine(TestPaths.NewTempDir(), name);
        var bytes = new byte[4096];
        new Random(20240611).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);
        Assert.Contains(name, CliAssert.FailsCleanly(DlpProcess.Run("model", "inspect", path)));
    }

    [Fact]
    public void AModelJsonWithANumericFormatIsAModelError()
    {
        string path = Path.Combine(TestPaths.NewTempDir(), "model.json");
        File.WriteAllText(path, """{"format": 5, "modelTopology": {}, "weightsManifest": []}""");
        Assert.Equal($"error: {path} has format 5; only TF.js layers models (\"layers-model\") are supported.", CliAssert.FailsCleanly(DlpProcess.Run("model", "inspect", path)));
    }

    [Fact]
    public void AFailedFetchGoesToStderrAndNamesNoMissingPartialFile()
    {
        var models = TestPaths.NewTempDir();
        var run = DlpProcess.Run(new Dictionary<string, string> { ["DLP_MODELS"] = models, ["DLP_MODELS_URL"] = "http://127.0.0.1:9/" }, "models", "fetch", "MobileNet_0.25");
        string error = CliAssert.FailsCleanly(run);
        Assert.StartsWith("error: Downloading http://127.0.0.1:9/", error);
        Assert.DoesNotContain(".part", error);
        Assert.DoesNotContain("Downloading", run.Stdout);
        Assert.Empty(Directory.GetFiles(models));
    }
}
