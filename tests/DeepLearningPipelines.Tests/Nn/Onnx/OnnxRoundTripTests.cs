using DeepLearningPipelines.Nn;
using DeepLearningPipelines.Nn.Execution;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Nn.Onnx;

namespace DeepLearningPipelines.Tests.Nn.Onnx;

public class OnnxRoundTripTests
{
    private static float[] RunFish(ModelGraph graph)
    {
        using var executor = new GraphExecutor(graph);
        var input = new Tensor(TestData.ReadF32(Path.Combine(TestData.ModelsDir, "squeezenet1.1", "reference_ort", "fish.input.f32")), 1, 3, 224, 224);
        using var result = executor.Run(input);
        return result.ToArray();
    }

    [Fact]
    public void SqueezeNetSurvivesExportAndReimportBitExactly()
    {
        var original = OnnxImporter.Load(SqueezeNetTests.ModelPath);
        var reloaded = OnnxImporter.Load(OnnxExporter.ToBytes(original));
        Assert.Equal(original.Nodes.Count, reloaded.Nodes.Count);
        Assert.Equal(original.Initializers.Keys.Order(), reloaded.Initializers.Keys.Order());
        Assert.Equal(RunFish(original), RunFish(reloaded));
    }

    [Fact]
    public void OptimisedGraphWithFusedActivationsExportsToStandardOperators()
    {
        var original = OnnxImporter.Load(SqueezeNetTests.ModelPath);
        using var executor = new GraphExecutor(original);
        Assert.Contains(executor.Graph.Nodes, n => n.Op == OpKind.Conv && n.Attributes.Contains("activation_min"));
        Assert.DoesNotContain(executor.Graph.Nodes, n => n.Op is OpKind.Relu or OpKind.Dropout);

        var reloaded = OnnxImporter.Load(OnnxExporter.ToBytes(executor.Graph));
        Assert.Equal(26, reloaded.Nodes.Count(n => n.Op == OpKind.Relu));
        Assert.Equal(RunFish(original), RunFish(reloaded));
    }

    [Fact]
    public void SavedFileLoadsFromDisk()
    {
        string dir = Directory.CreateTempSubdirectory("dlp-onnx-").FullName;
        try
        {
            var graph = OnnxImporter.Load(SqueezeNetTests.ModelPath);
            string path = Path.Combine(dir, "squeezenet.onnx");
            OnnxExporter.Save(graph, path);
            Assert.Equal(RunFish(graph), RunFish(OnnxImporter.Load(path)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
