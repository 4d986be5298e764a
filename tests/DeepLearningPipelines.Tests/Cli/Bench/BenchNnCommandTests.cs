using System.Text.Json;
using DeepLearningPipelines.Nn.Execution;
using DeepLearningPipelines.Tests.Nn.Zoo;
using DeepLearningPipelines.Tests.Support;

namespace DeepLearningPipelines.Tests.Cli.Bench;

/// <summary><c>dlp bench nn</c> end to end, kept to batch 1 and one timed run.</summary>
public class BenchNnCommandTests
{
    private static JsonElement BenchJson(params string[] args)
    {
        var (code, stdout, stderr) = DlpProcess.Run(["bench", "nn", "--batch", "1", "--repeats", "1", "--json", .. args]);
        Assert.True(code == 0, stderr);
        return JsonDocument.Parse(stdout).RootElement;
    }

    [OrtTheory]
    [InlineData("managed")]
    [InlineData("onnxruntime")]
    public void EitherEngineAgreesWithOnnxRuntimeOnSqueezeNet(string engine)
    {
        var json = BenchJson("--model", SharedModels.SqueezeNet, "--engine", engine);
        Assert.StartsWith("1.32.", json.GetProperty("ortVersion").GetString());
        Assert.Equal(engine, json.GetProperty("engine").GetString());
        var result = json.GetProperty("results").EnumerateArray().Single();
        Assert.Equal("squeezenet1.1/model.onnx", result.GetProperty("model").GetString());
        Assert.Equal(engine, result.GetProperty("engine").GetString());
        Assert.True(result.GetProperty("oursColdStartSeconds").GetDouble() > 0 && result.GetProperty("ortColdStartSeconds").GetDouble() > 0);
        Assert.Equal(1, result.GetProperty("batch").GetInt32());
        double ours = result.GetProperty("oursImagesPerSecond").GetDouble(), ort = result.GetProperty("ortImagesPerSecond").GetDouble();
        Assert.True(ours > 0 && ort > 0);
        Assert.Equal(ours / ort, result.GetProperty("ratio").GetDouble(), 1e-9);
        // ORT rounds this float16 model's output to float16: one ulp near the largest probability is about 6e-5.
        Assert.InRange(result.GetProperty("maxAbsDifference").GetDouble(), 0, 2e-4);
    }

    [OrtFact]
    public void ExportsAZooModelWithItsTopAndBothRuntimesAgree()
    {
        var work = TestPaths.NewTempDir();
        var result = BenchJson("--model", "MobileNetV2", "--work", work).GetProperty("results")[0];
        Assert.Equal("MobileNetV2", result.GetProperty("model").GetString());
        Assert.True(result.GetProperty("includesTop").GetBoolean());
        Assert.True(File.Exists(Path.Combine(work, "MobileNetV2-top-seed1.onnx")));
        Assert.InRange(result.GetProperty("relativeDifference").GetDouble(), 0, 1e-4);
        Assert.True(result.GetProperty("oursGflops").GetDouble() > 0);
    }

    [ResNet18Fact]
    public void ExportsTheNuGetResNet18WithItsPackagedWeights()
    {
        Assert.Null(OnnxRuntimeLibrary.LoadError);
        var work = TestPaths.NewTempDir();
        var result = BenchJson("--model", "ResNet18", "--work", work).GetProperty("results")[0];
        Assert.Equal("ResNet18", result.GetProperty("model").GetString());
        Assert.False(result.GetProperty("includesTop").GetBoolean());
        Assert.True(File.Exists(Path.Combine(work, "ResNet18-notop-packaged.onnx")));
        Assert.InRange(result.GetProperty("relativeDifference").GetDouble(), 0, 1e-4);
    }

    [OrtFact]
    public void ExportsATfjsFolderBeforeBenchmarkingIt()
    {
        var work = TestPaths.NewTempDir();
        var result = BenchJson("--model", Path.Combine(SharedModels.Folder, "mobilenet_v1_0.25"), "--work", work).GetProperty("results")[0];
        Assert.Equal("mobilenet_v1_0.25/model.json", result.GetProperty("model").GetString());
        Assert.Single(Directory.GetFiles(work, "model-*.onnx"));
        Assert.InRange(result.GetProperty("relativeDifference").GetDouble(), 0, 1e-4);
    }

    [OrtFact]
    public void AnUnknownModelIsNamed()
    {
        var (code, _, stderr) = DlpProcess.Run("bench", "nn", "--model", "NoSuchNet", "--batch", "1");
        Assert.Equal(1, code);
        Assert.Contains("--model NoSuchNet: neither a model file nor a zoo model", stderr);
    }

    [Fact]
    public void AnUnknownEngineIsRefusedWithTheChoices()
    {
        var (code, _, stderr) = DlpProcess.Run("bench", "nn", "--engine", "tensorrt");
        Assert.NotEqual(0, code);
        Assert.Contains("tensorrt", stderr);
        Assert.Contains("onnxruntime", stderr);
    }

    [OrtFact]
    public void AFileWithAFixedBatchRefusesAnotherBatch()
    {
        var (code, _, stderr) = DlpProcess.Run("bench", "nn", "--model", SharedModels.SqueezeNet, "--batch", "2");
        Assert.Equal(1, code);
        Assert.Contains("its input fixes the batch at 1; --batch 2 cannot run on it", stderr);
    }
}
