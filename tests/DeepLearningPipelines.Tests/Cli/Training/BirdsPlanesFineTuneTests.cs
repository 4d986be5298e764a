using System.Text.Json;
using DeepLearningPipelines.Tests.Support;

namespace DeepLearningPipelines.Tests.Cli.Training;

/// <summary>
/// <c>dlp examples birds-planes --fine-tune</c> with MobileNet 0.25 (the shared test copy) for three epochs: the top
/// layers fine-tuned with a new head, compared with frozen features and logistic regression on the same test photos.
/// </summary>
public class BirdsPlanesFineTuneTests
{
    private static readonly string Photos = Path.Combine(TestPaths.Shared, "data", "birds-planes");

    private static Dictionary<string, string> OfflineModels()
    {
        string models = Path.Combine(TestPaths.NewTempDir(), "models");
        Directory.CreateDirectory(models);
        Directory.CreateSymbolicLink(Path.Combine(models, "MobileNet_0.25"), Path.Combine(SharedModels.Folder, "mobilenet_v1_0.25"));
        return new Dictionary<string, string> { ["DLP_MODELS"] = models, ["DLP_OFFLINE"] = "1" };
    }

    [Fact]
    public void FineTunesTheTopLayersAndComparesWithFrozenFeatures()
    {
        var (code, stdout, stderr) = DlpProcess.Run(OfflineModels(), "examples", "birds-planes", "--data", Photos, "--model", "MobileNet_0.25",
            "--fine-tune", "--epochs", "3", "--lr", "0.003", "--json");
        Assert.True(code == 0, stderr + stdout);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        var tuned = root.GetProperty("fineTune");
        Assert.Equal(root.GetProperty("accuracy").GetDouble(), tuned.GetProperty("frozenFeaturesAccuracy").GetDouble());
        Assert.False(string.IsNullOrEmpty(tuned.GetProperty("trainFrom").GetString()));
        double accuracy = tuned.GetProperty("accuracy").GetDouble();
        Assert.True(accuracy >= 0.7, $"fine-tuned test accuracy {accuracy}; chance is 0.5");
    }

    [Fact]
    public void MoreLayersThanTheModelHasFailBeforeFeaturizing()
    {
        var (code, stdout, stderr) = DlpProcess.Run(OfflineModels(), "examples", "birds-planes", "--data", Photos, "--model", "MobileNet_0.25",
            "--fine-tune", "--fine-tune-layers", "1000");
        Assert.NotEqual(0, code);
        Assert.Contains("--fine-tune-layers 1000: MobileNet_0.25 has only", stderr);
        Assert.DoesNotContain("featurizing", stdout + stderr);
    }
}
