using System.Text.Json;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Tests.Support;
using DeepLearningPipelines.Tests.Vision.Datasets;
using DeepLearningPipelines.Vision.Datasets;

namespace DeepLearningPipelines.Tests.Cli.Training;

/// <summary><c>dlp train</c> on a small image folder, then <c>dlp predict</c> and <c>dlp featurize</c> with the saved model.</summary>
public class TrainCommandTests
{
    /// <summary>Writes the first <paramref name="perClass"/> trousers and bags of the Fashion-MNIST test split as PNG files, one folder per class.</summary>
    private static string TrousersAndBags(int perClass)
    {
        var test = FashionMnist.Load(train: false);
        string root = Path.Combine(TestPaths.NewTempDir(), "clothes");
        foreach (var (label, name) in new[] { (1, "trouser"), (8, "bag") })
        {
            Directory.CreateDirectory(Path.Combine(root, name));
            var indices = Enumerable.Range(0, test.Count).Where(i => test.Labels[i] == label).Take(perClass);
            foreach (int i in indices)
            {
                var gray = test.Image(i).Pixels;
                var rgb = gray.SelectMany(v => new[] { v, v, v }).ToArray();
                File.WriteAllBytes(Path.Combine(root, name, $"{i:D5}.png"), PngWriter.Encode(28, 28, 3, rgb));
            }
        }
        return root;
    }

    [FashionMnistFact]
    public void TrainsOnAFolderAndTheSavedModelPredictsByClassName()
    {
        string images = TrousersAndBags(perClass: 60);
        string model = Path.Combine(TestPaths.NewTempDir(), "clothes.onnx");
        var (code, stdout, stderr) = DlpProcess.Run("train", "--images", images, "--layers", "conv8-pool-dense16", "--size", "28", "--epochs", "4",
            "--batch", "16", "--validation-split", "0.25", "--seed", "3", "--out", model, "--json");
        Assert.True(code == 0, stderr + stdout);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal(4, doc.RootElement.GetProperty("epochs").GetArrayLength());
        double validation = doc.RootElement.GetProperty("validationAccuracy").GetDouble();
        Assert.True(validation >= 0.9, $"validation accuracy {validation} on trousers vs bags; chance is 0.5");
        Assert.Equal(["bag", "trouser"], File.ReadAllLines(Path.ChangeExtension(model, ".classes.txt")));

        (code, stdout, stderr) = DlpProcess.Run("predict", "--model", model, "--top", "1", "--json", Path.Combine(images, "trouser"), Path.Combine(images, "bag"));
        Assert.True(code == 0, stderr + stdout);
        using var predictions = JsonDocument.Parse(stdout);
        var rows = predictions.RootElement.GetProperty("predictions").EnumerateArray()
            .Select(p => (Folder: Path.GetFileName(Path.GetDirectoryName(p.GetProperty("origin").GetString()))!, Class: p.GetProperty("top")[0].GetProperty("class").GetString()))
            .ToList();
        Assert.Equal(120, rows.Count);
        double right = rows.Count(r => r.Folder == r.Class) / (double)rows.Count;
        Assert.True(right >= 0.9, $"dlp predict with the trained model names the right class for {right:P0} of the images");

        string features = Path.Combine(TestPaths.NewTempDir(), "features.csv");
        (code, stdout, stderr) = DlpProcess.Run("featurize", "--images", Path.Combine(images, "bag"), "--model", model, "--out", features);
        Assert.True(code == 0, stderr + stdout);
        Assert.Equal(60, File.ReadAllLines(features).Length);
    }

    [Fact]
    public void FineTunesAPretrainedZooModelsNewHead()
    {
        string models = Path.Combine(TestPaths.NewTempDir(), "models");
        Directory.CreateDirectory(models);
        Directory.CreateSymbolicLink(Path.Combine(models, "MobileNet_0.25"), Path.Combine(SharedModels.Folder, "mobilenet_v1_0.25"));
        var environment = new Dictionary<string, string> { ["DLP_MODELS"] = models, ["DLP_OFFLINE"] = "1" };
        string images = Path.Combine(TestPaths.Shared, "data", "birds-planes"), model = Path.Combine(TestPaths.NewTempDir(), "birds.onnx");
        var (code, stdout, stderr) = DlpProcess.Run(environment, "train", "--images", images, "--model", "MobileNet_0.25", "--epochs", "3", "--batch", "16",
            "--lr", "0.003", "--out", model, "--json");
        Assert.True(code == 0, stderr + stdout);
        using var doc = JsonDocument.Parse(stdout);
        double validation = doc.RootElement.GetProperty("validationAccuracy").GetDouble();
        Assert.True(validation >= 0.7, $"validation accuracy {validation} of pretrained features with a new head; chance is 0.5");
        (code, stdout, stderr) = DlpProcess.Run("predict", "--model", model, "--top", "2", Path.Combine(images, "planes"));
        Assert.True(code == 0, stderr + stdout);
        Assert.Contains("planes", stdout);
    }

    [Fact]
    public void BadFoldersAndOptionsFailWithTheReason()
    {
        string root = TestPaths.NewTempDir();
        Directory.CreateDirectory(Path.Combine(root, "only"));
        var (code, _, stderr) = DlpProcess.Run("train", "--images", root, "--out", Path.Combine(root, "m.onnx"));
        Assert.NotEqual(0, code);
        Assert.Contains("at least 2 classes", stderr);
        (code, _, stderr) = DlpProcess.Run("train", "--images", root, "--layers", "conv8", "--model", "MobileNet", "--out", Path.Combine(root, "m.onnx"));
        Assert.NotEqual(0, code);
        Assert.Contains("--model or --layers, not both", stderr);
    }
}
