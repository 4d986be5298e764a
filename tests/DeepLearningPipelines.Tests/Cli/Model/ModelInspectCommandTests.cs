using System.Text.Json;
using DeepLearningPipelines.Nn.Zoo;
using DeepLearningPipelines.Tests.Nn.Zoo;
using DeepLearningPipelines.Tests.Support;

namespace DeepLearningPipelines.Tests.Cli.Model;

/// <summary><c>dlp model inspect</c> on the shared models (facts from their README) and a hand-counted model.</summary>
public class ModelInspectCommandTests
{
    private static JsonElement InspectJson(string model)
    {
        var (code, stdout, stderr) = DlpProcess.Run("model", "inspect", model, "--json");
        Assert.True(code == 0, stderr);
        return JsonDocument.Parse(stdout).RootElement;
    }

    [Fact]
    public void SqueezeNetOnnxHasItsDocumentedInputsParametersAndOperators()
    {
        var json = InspectJson(SharedModels.SqueezeNet);
        Assert.Equal("data_0", json.GetProperty("inputs")[0].GetProperty("name").GetString());
        Assert.Equal([1, 3, 224, 224], json.GetProperty("inputs")[0].GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()));
        Assert.Equal("softmaxout_1", json.GetProperty("outputs")[0].GetProperty("name").GetString());
        Assert.Equal([1, 1000, 1, 1], json.GetProperty("outputs")[0].GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()));
        Assert.Equal(1_235_496, json.GetProperty("parameters").GetInt64());
        var operators = json.GetProperty("operators");
        foreach (var (op, count) in new[] { ("Conv", 26), ("Relu", 26), ("Concat", 8), ("MaxPool", 3), ("GlobalAveragePool", 1), ("Softmax", 1) })
            Assert.Equal(count, operators.GetProperty(op).GetInt32());
    }

    [Fact]
    public void TfjsMobileNetHasADynamicBatchAndItsDocumentedParameterCount()
    {
        var json = InspectJson(Path.Combine(SharedModels.Folder, "mobilenet_v1_0.25", "model.json"));
        Assert.Equal([-1, 224, 224, 3], json.GetProperty("inputs")[0].GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()));
        Assert.Equal([-1, 1000], json.GetProperty("outputs")[0].GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()));
        Assert.Equal(475_544, json.GetProperty("parameters").GetInt64());
    }

    [Fact]
    public void AZooNameShowsItsArchitectureWithKerasParameterCount()
    {
        var json = InspectJson("ResNet50");
        Assert.Equal(25_636_712, json.GetProperty("parameters").GetInt64());
        Assert.Equal(53, json.GetProperty("operators").GetProperty("Conv").GetInt32());
        Assert.Equal([-1, 1000], json.GetProperty("outputs")[0].GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()));
    }

    [ResNet18Fact]
    public void ResNet18FromItsNuGetPackageShowsItsFeatureOutput()
    {
        var json = InspectJson("ResNet18");
        var zoo = ZooCatalog.Get("ResNet18");
        Assert.Equal(zoo.FeatureLayer, json.GetProperty("outputs")[0].GetProperty("name").GetString());
        var graph = NuGetModelGraph.Load(NuGetModelLocator.Find(zoo, TestPaths.NewTempDir())!);
        Assert.Equal(graph.Nodes.Count(n => n.Op == DeepLearningPipelines.Nn.Graph.OpKind.Conv), json.GetProperty("operators").GetProperty("Conv").GetInt32());
    }

    [Fact]
    public void CountsTwoFlopsPerMultiplyAddOfConvAndGemm()
    {
        var json = InspectJson(TinyClassifier.Write(TestPaths.NewTempDir()));
        Assert.Equal(TinyClassifier.Flops, json.GetProperty("flops").GetInt64());
        Assert.Equal(TinyClassifier.Parameters, json.GetProperty("parameters").GetInt64());
        Assert.Equal(["Conv", "Flatten", "Gemm"], json.GetProperty("operators").EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public void TextModeShowsShapesParametersAndOperators()
    {
        var (code, stdout, stderr) = DlpProcess.Run("model", "inspect", SharedModels.SqueezeNet);
        Assert.True(code == 0, stderr);
        Assert.Contains("[1,3,224,224]", stdout);
        Assert.Contains("parameters: 1,235,496", stdout);
        Assert.Contains("Concat", stdout);
    }

    [Fact]
    public void AMalformedModelFailsWithTheImportersMessage()
    {
        var path = Path.Combine(TestPaths.NewTempDir(), "broken.onnx");
        File.WriteAllBytes(path, [0x0a, 0xff, 0x01]);
        var (code, _, stderr) = DlpProcess.Run("model", "inspect", path);
        Assert.Equal(1, code);
        Assert.StartsWith($"error: {path} is not a valid ONNX protobuf file", stderr);
    }
}
