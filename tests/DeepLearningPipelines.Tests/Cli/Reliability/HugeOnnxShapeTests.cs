using DeepLearningPipelines.Nn;
using DeepLearningPipelines.Tests.Support;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Nn.Onnx;

namespace DeepLearningPipelines.Tests.Cli.Reliability;

/// <summary>An ONNX model whose input shape is too large for a tensor: one error line naming the file and the input.</summary>
public sealed class HugeOnnxShapeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dlp-huge-onnx-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string WriteModel()
    {
        var graph = new ModelGraph { Name = "huge" };
        graph.Inputs.Add(new ValueInfo("pixels", [1, 3, 100000, 100000]));
        graph.Outputs.Add(new ValueInfo("pooled", [1, 3, 1, 1]));
        graph.Nodes.Add(new Node("pool", OpKind.GlobalAveragePool, ["pixels"], ["pooled"]));
        string path = Path.Combine(_folder, "huge.onnx");
        OnnxExporter.Save(graph, path);
        return path;
    }

    [Theory]
    [InlineData("inspect")]
    [InlineData("run")]
    public void ModelCommandsNameTheFileAndTheInput(string verb)
    {
        string model = WriteModel();
        string image = Path.Combine(TestPaths.RepoRoot, "tests", "DeepLearningPipelines.Tests", "Fixtures", "images", "bmp-rgb24.bmp");
        var (code, _, stderr) = verb == "inspect"
            ? DlpProcess.Run("model", "inspect", model)
            : DlpProcess.Run("model", "run", model, "--input", image);
        Assert.Equal(1, code);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        Assert.Contains("huge.onnx", line);
        Assert.Contains("pixels", line);
    }
}
