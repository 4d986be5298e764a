using System.Text.Json;
using DeepLearningPipelines.Tests.Support;

namespace DeepLearningPipelines.Tests.Cli;

/// <summary>The <c>dlp</c> commands end to end, with their JSON shapes and error messages.</summary>
public class CommandTests
{
    private static string Samples => Path.Combine(TestPaths.RepoRoot, "samples");
    private static string SqueezeNet => Path.Combine(Samples, "models", "squeezenet1.1", "model.onnx");

    [Fact]
    public void OcrPrintsTheThreeConfigurationsAndWritesPictures()
    {
        var outDir = TestPaths.NewTempDir();
        var (code, stdout, stderr) = DlpProcess.Run("examples", "ocr", "--json", "--out", outDir, "--best-hidden", "32", "--best-max-iter", "60");
        Assert.True(code == 0, stderr);
        var configs = JsonDocument.Parse(stdout).RootElement.GetProperty("configs").EnumerateArray().ToList();
        Assert.Equal(["spark-small", "spark-large", "best"], configs.Select(c => c.GetProperty("name").GetString()));
        foreach (var c in configs)
            foreach (var metric in new[] { "accuracy", "weightedPrecision", "weightedRecall", "oneVsRestRocAuc", "trainSeconds" })
                Assert.True(c.GetProperty(metric).GetDouble() > 0, metric);
        Assert.True(configs[2].GetProperty("accuracy").GetDouble() > configs[0].GetProperty("accuracy").GetDouble());
        foreach (var picture in new[] { "ocr-best-confusion-matrix.svg", "ocr-training-curves.svg" })
            Assert.Equal("svg", System.Xml.Linq.XDocument.Load(Path.Combine(outDir, picture)).Root!.Name.LocalName);
        foreach (var picture in new[] { "ocr-best-confusion-matrix.png", "ocr-training-curves.png" })
            Assert.Equal("\x89PNG", System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(Path.Combine(outDir, picture))[..4]));
        Assert.Contains("weighted avg", File.ReadAllText(Path.Combine(outDir, "ocr-best-classification-report.txt")));
    }

    [Fact]
    public void OcrWithoutDataSaysWhereToPutIt()
    {
        var (code, _, stderr) = DlpProcess.Run("examples", "ocr", "--data", "/nowhere/letters.csv");
        Assert.Equal(1, code);
        Assert.Contains("--data /nowhere/letters.csv: no such file or folder", stderr);
    }

    [Fact]
    public void BirdsPlanesWithTheBundledSqueezeNet()
    {
        var (code, stdout, stderr) = DlpProcess.Run("examples", "birds-planes", "--model", SqueezeNet, "--bgr", "--feature-layer", "fire9/concat_1", "--json");
        Assert.True(code == 0, stderr);
        var json = JsonDocument.Parse(stdout).RootElement;
        Assert.True(json.GetProperty("accuracy").GetDouble() >= 0.92);
        Assert.Equal(JsonValueKind.Array, json.GetProperty("misclassified").ValueKind);
        Assert.True(json.GetProperty("featurizeSeconds").GetDouble() > 0);
    }

    [Fact]
    public void BirdsPlanesCrossValidatesOverZooModelsFromTheModelsFolder()
    {
        var models = TestPaths.NewTempDir();
        Directory.CreateSymbolicLink(Path.Combine(models, "MobileNet_0.25"), Path.Combine(SharedModels.Folder, "mobilenet_v1_0.25"));
        var env = new Dictionary<string, string> { ["DLP_MODELS"] = models, ["DLP_OFFLINE"] = "1" };
        var (code, stdout, stderr) = DlpProcess.Run(env, "examples", "birds-planes", "--model", "MobileNet_0.25", "--cross-validate", "MobileNet_0.25", "--json");
        Assert.True(code == 0, stderr);
        var json = JsonDocument.Parse(stdout).RootElement;
        Assert.True(json.GetProperty("accuracy").GetDouble() >= 0.92);
        Assert.StartsWith("best of 3: model MobileNet_0.25, regParam", json.GetProperty("crossValidation").GetString());
    }

    [Fact]
    public void PredictPrintsTopClasses()
    {
        var (code, stdout, stderr) = DlpProcess.Run("predict", "--model", SqueezeNet, "--bgr", "--top", "2", "--json", SharedModels.Image("coffee.png"));
        Assert.True(code == 0, stderr);
        var top = JsonDocument.Parse(stdout).RootElement.GetProperty("predictions")[0].GetProperty("top");
        Assert.Equal(2, top.GetArrayLength());
        Assert.Equal("espresso", top[0].GetProperty("description").GetString());
        Assert.Equal("n07920052", top[0].GetProperty("class").GetString());
    }

    [Fact]
    public void FeaturizeWritesOneLinePerImage()
    {
        var outFile = Path.Combine(TestPaths.NewTempDir(), "features.jsonl");
        var (code, _, stderr) = DlpProcess.Run("featurize", "--images", Path.Combine(Samples, "birds-planes", "planes"), "--model", SqueezeNet, "--bgr",
            "--feature-layer", "fire9/concat_1", "--out", outFile);
        Assert.True(code == 0, stderr);
        var lines = File.ReadAllLines(outFile);
        Assert.Equal(30, lines.Length);
        Assert.Equal(512, JsonDocument.Parse(lines[0]).RootElement.GetProperty("features").GetArrayLength());
    }

    [Fact]
    public void MissingZooWeightsOfflineNameTheFile()
    {
        var env = new Dictionary<string, string> { ["DLP_MODELS"] = TestPaths.NewTempDir(), ["DLP_OFFLINE"] = "1" };
        var (code, _, stderr) = DlpProcess.Run(env, "predict", "--model", "ResNet50", SharedModels.Image("coffee.png"));
        Assert.Equal(1, code);
        Assert.Contains("resnet50_weights_tf_dim_ordering_tf_kernels.h5", stderr);
    }
}
