using System.Text.Json;
using DeepLearningPipelines.Tests.Support;

namespace DeepLearningPipelines.Tests.Cli.Model;

/// <summary><c>dlp model run</c>: SqueezeNet against the ONNX Runtime reference top classes, labels and the softmax rule.</summary>
public class ModelRunCommandTests
{
    private static string Fish => Path.Combine(SharedModels.Folder, "squeezenet1.1", "fish.png");

    private static JsonElement RunJson(params string[] args)
    {
        var (code, stdout, stderr) = DlpProcess.Run(["model", "run", .. args, "--json"]);
        Assert.True(code == 0, stderr);
        return JsonDocument.Parse(stdout).RootElement;
    }

    [Theory]
    [InlineData("fish", 0, "tench", 0.7378)]
    [InlineData("coffee", 967, "espresso", 1.0)]
    public void SqueezeNetGivesTheReferenceTopClass(string image, int index, string label, double probability)
    {
        string path = image == "fish" ? Fish : SharedModels.Image("coffee_224.png");
        var json = RunJson(SharedModels.SqueezeNet, "--input", path, "--bgr", "--top", "3");
        var top = json.GetProperty("top");
        Assert.Equal(3, top.GetArrayLength());
        Assert.Equal(index, top[0].GetProperty("index").GetInt32());
        Assert.Equal(label, top[0].GetProperty("label").GetString());
        Assert.Equal(probability, top[0].GetProperty("probability").GetDouble(), 0.002);
        Assert.False(json.GetProperty("softmaxApplied").GetBoolean());
        Assert.True(json.GetProperty("seconds").GetDouble() > 0);
    }

    [Fact]
    public void TfjsMobileNetGivesTheTfjsReferenceTopClasses()
    {
        var model = Path.Combine(SharedModels.Folder, "mobilenet_v1_0.25", "model.json");
        var top = RunJson(model, "--input", SharedModels.Image("chelsea.png"), "--preprocess", "tf", "--top", "3").GetProperty("top");
        Assert.Equal([285, 287, 281], top.EnumerateArray().Select(t => t.GetProperty("index").GetInt32()));
        Assert.Equal(0.3227, top[0].GetProperty("probability").GetDouble(), 0.002);
    }

    [Fact]
    public void FishRunnersUpFollowTheReferenceOrder()
    {
        var top = RunJson(SharedModels.SqueezeNet, "--input", Fish, "--bgr").GetProperty("top");
        Assert.Equal([0, 389, 395, 5, 390], top.EnumerateArray().Select(t => t.GetProperty("index").GetInt32()));
    }

    [Fact]
    public void LabelsComeFromALineFileOrAJsonIndex()
    {
        var dir = TestPaths.NewTempDir();
        var lines = Path.Combine(dir, "labels.txt");
        File.WriteAllLines(lines, Enumerable.Range(0, 1000).Select(i => $"class {i}"));
        Assert.Equal("class 0", RunJson(SharedModels.SqueezeNet, "--input", Fish, "--bgr", "--labels", lines).GetProperty("top")[0].GetProperty("label").GetString());

        var index = Path.Combine(dir, "index.json");
        File.WriteAllText(index, JsonSerializer.Serialize(Enumerable.Range(0, 1000).ToDictionary(i => i.ToString(), i => new[] { $"n{i}", $"json {i}" })));
        Assert.Equal("json 0", RunJson(SharedModels.SqueezeNet, "--input", Fish, "--bgr", "--labels", index).GetProperty("top")[0].GetProperty("label").GetString());
    }

    [Fact]
    public void ALabelFileOfTheWrongLengthIsRejected()
    {
        var labels = Path.Combine(TestPaths.NewTempDir(), "labels.txt");
        File.WriteAllLines(labels, ["cat", "dog"]);
        var (code, _, stderr) = DlpProcess.Run("model", "run", SharedModels.SqueezeNet, "--input", Fish, "--labels", labels);
        Assert.Equal(1, code);
        Assert.Contains("2 labels, but the model gives 1000 classes", stderr);
    }

    [Fact]
    public void LogitsGetASoftmaxAndTheTextSaysSo()
    {
        string model = TinyClassifier.Write(TestPaths.NewTempDir());
        var json = RunJson(model, "--input", Fish, "--top", "10");
        Assert.True(json.GetProperty("softmaxApplied").GetBoolean());
        var top = json.GetProperty("top").EnumerateArray().ToList();
        Assert.Equal(1.0, top.Sum(t => t.GetProperty("probability").GetDouble()), 1e-5);
        Assert.Equal(TinyClassifier.Classes - 1, top[0].GetProperty("index").GetInt32());
        Assert.All(top, t => Assert.Equal(JsonValueKind.Null, t.GetProperty("label").ValueKind));

        var (code, stdout, stderr) = DlpProcess.Run("model", "run", model, "--input", Fish);
        Assert.True(code == 0, stderr);
        Assert.Contains("applied softmax", stdout);
    }
}
