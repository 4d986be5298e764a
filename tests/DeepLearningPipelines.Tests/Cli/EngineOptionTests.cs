using System.Text.Json;
using DeepLearningPipelines.Tests.Support;

namespace DeepLearningPipelines.Tests.Cli;

/// <summary><c>--engine</c> and <c>DLP_ENGINE</c> on the CLI: both engines classify the same, unknown names are refused.</summary>
public class EngineOptionTests
{
    private static int[] TopClasses(IDictionary<string, string>? environment, params string[] engineArgs)
    {
        var (code, stdout, stderr) = DlpProcess.Run(environment,
            ["model", "run", SharedModels.SqueezeNet, "--input", Path.Combine(SharedModels.Folder, "squeezenet1.1", "fish.png"), "--bgr", "--top", "3", "--json", .. engineArgs]);
        Assert.True(code == 0, stderr);
        return JsonDocument.Parse(stdout).RootElement.GetProperty("top").EnumerateArray().Select(t => t.GetProperty("index").GetInt32()).ToArray();
    }

    [Fact]
    public void BothEnginesGiveTheSameTopClasses()
    {
        var managed = TopClasses(null, "--engine", "managed");
        Assert.Equal(managed, TopClasses(null, "--engine", "onnxruntime"));
        Assert.Equal(managed, TopClasses(new Dictionary<string, string> { ["DLP_ENGINE"] = "managed" }));
    }

    [Fact]
    public void AnUnknownEngineIsRefused()
    {
        var (code, _, stderr) = DlpProcess.Run("predict", "--engine", "tensorrt", "x.png");
        Assert.NotEqual(0, code);
        Assert.Contains("tensorrt", stderr);
    }

    [Fact]
    public void AnUnknownDlpEngineIsNamed()
    {
        var (code, _, stderr) = DlpProcess.Run(new Dictionary<string, string> { ["DLP_ENGINE"] = "tensorrt" },
            "model", "run", SharedModels.SqueezeNet, "--input", Path.Combine(SharedModels.Folder, "squeezenet1.1", "fish.png"));
        Assert.Equal(1, code);
        Assert.Contains("DLP_ENGINE 'tensorrt' is not an engine; use onnxruntime or managed.", stderr);
    }
}
