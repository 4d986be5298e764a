using System.Text.Json;
using DeepLearningPipelines.Tests.Support;
using DeepLearningPipelines.Tests.Vision.Datasets;

namespace DeepLearningPipelines.Tests.Cli.Training;

/// <summary>
/// <c>dlp examples fashion</c> reduced to 2,000 training images, 2 epochs and 500 test images: the small CNN must
/// reach 0.65 test accuracy (chance is 0.10; the full run, 60,000 images and 12 epochs, aims at 0.91).
/// </summary>
public class FashionExampleTests
{
    [FashionMnistFact]
    public void ReducedRunLearnsAndReportsEveryClass()
    {
        string outDir = TestPaths.NewTempDir();
        var (code, stdout, stderr) = DlpProcess.Run("examples", "fashion", "--train-images", "2000", "--test-images", "500", "--epochs", "2",
            "--out", outDir, "--json");
        Assert.True(code == 0, stderr + stdout);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        double accuracy = root.GetProperty("accuracy").GetDouble();
        Assert.True(accuracy >= 0.65, $"test accuracy {accuracy}");
        var epochs = root.GetProperty("epochs").EnumerateArray().ToList();
        Assert.Equal(2, epochs.Count);
        Assert.True(epochs[1].GetProperty("loss").GetDouble() < epochs[0].GetProperty("loss").GetDouble(), "the training loss falls");
        Assert.Equal(10, root.GetProperty("classes").GetArrayLength());
        string curves = Path.Combine(outDir, "fashion-training-curves.png");
        Assert.Equal(curves, root.GetProperty("curves").GetString());
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(curves)[..4]);
        Assert.Contains("test accuracy", File.ReadAllText(Path.ChangeExtension(curves, ".svg")));
        Assert.Contains("Ankle boot", File.ReadAllText(Path.Combine(outDir, "fashion-classification-report.txt")));
    }
}
