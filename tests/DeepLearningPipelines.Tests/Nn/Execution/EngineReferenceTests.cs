using DeepLearningPipelines.Nn;
using DeepLearningPipelines.Nn.Execution;
using DeepLearningPipelines.Nn.Keras.Tfjs;
using DeepLearningPipelines.Nn.Onnx;
using DeepLearningPipelines.Tests.Nn.Keras;
using DeepLearningPipelines.Tests.Nn.Onnx;
using Xunit.Abstractions;

namespace DeepLearningPipelines.Tests.Nn.Execution;

/// <summary>
/// The reference models of ../shared/models through both engines, against the peer outputs with the fixtures README's
/// tolerances: SqueezeNet 1.1 (ONNX, also the copy in samples/) against ONNX Runtime 1.30 (atol 1e-3, same top-5),
/// MobileNet v1 0.25 against tfjs (probabilities 1e-5, pooled 1e-4) and the InceptionV3 backbone's mixed10 (5e-5).
/// </summary>
public class EngineReferenceTests(ITestOutputHelper output)
{
    public static TheoryData<Engine, string> SqueezeNetCases()
    {
        var cases = new TheoryData<Engine, string>();
        foreach (var engine in Enum.GetValues<Engine>())
            foreach (var image in new[] { "fish", "chelsea", "rocket" }) cases.Add(engine, image);
        return cases;
    }

    [Theory]
    [MemberData(nameof(SqueezeNetCases))]
    public void SqueezeNetMatchesOnnxRuntimeReference(Engine engine, string image)
    {
        string reference = Path.Combine(TestData.ModelsDir, "squeezenet1.1", "reference_ort");
        using var input = new Tensor(TestData.ReadF32(Path.Combine(reference, $"{image}.input.f32")), 1, 3, 224, 224);
        float[] expected = TestData.ReadF32(Path.Combine(reference, $"{image}.softmaxout_1.f32"));
        foreach (var model in new[] { SqueezeNetTests.ModelPath, Path.Combine(TestData.RepoRoot(), "samples", "models", "squeezenet1.1", "model.onnx") })
        {
            var graph = OnnxImporter.Load(model);
            var result = EngineRunner.Run(engine, graph, input)[graph.Outputs[0].Name];
            float err = TestData.AssertClose(expected, result, 1e-3f, context: $"{engine} {image}");
            output.WriteLine($"{engine} {image}: max |ours − ORT reference| = {err:E2}");
            Assert.Equal(SqueezeNetTests.TopK(expected, 5), SqueezeNetTests.TopK(result, 5));
        }
    }

    [Theory]
    [InlineData(Engine.OnnxRuntime, "chelsea", 285)]
    [InlineData(Engine.OnnxRuntime, "coffee", 967)]
    [InlineData(Engine.Managed, "chelsea", 285)]
    [InlineData(Engine.Managed, "rocket", 668)]
    public void MobileNetMatchesTfjs(Engine engine, string image, int top1)
    {
        var graph = TfjsModel.Load(Path.Combine(SharedModels.MobileNetDir, "model.json")).ToGraph(["reshape_2", "global_average_pooling2d_1"]);
        using var input = new Tensor(SharedModels.MobileNetReference($"{image}.input.f32"), 1, 224, 224, 3);
        var results = EngineRunner.Run(engine, graph, input, "reshape_2", "global_average_pooling2d_1");
        float probs = TestData.AssertClose(SharedModels.MobileNetReference($"{image}.probs.f32"), results["reshape_2"], 1e-5f, context: $"{engine} {image} probs");
        float gap = TestData.AssertClose(SharedModels.MobileNetReference($"{image}.gap256.f32"), results["global_average_pooling2d_1"], 1e-4f, context: $"{engine} {image} gap256");
        output.WriteLine($"{engine} {image}: max |ours − tfjs| probs {probs:E2}, gap256 {gap:E2}");
        Assert.Equal(top1, Array.IndexOf(results["reshape_2"], results["reshape_2"].Max()));
    }

    [Theory]
    [InlineData(Engine.OnnxRuntime)]
    [InlineData(Engine.Managed)]
    public void InceptionBackboneMatchesTfjsMixed10(Engine engine)
    {
        var graph = TfjsModel.Load(Path.Combine(SharedModels.InceptionDir, "model.json")).ToGraph();
        using var input = new Tensor(SharedModels.InceptionReference("chelsea.input.f32"), 1, 299, 299, 3);
        var mixed10 = EngineRunner.Run(engine, graph, input)["mixed10"];
        float err = TestData.AssertClose(SharedModels.InceptionReference("chelsea.mixed10.f32"), mixed10, 5e-5f, context: $"{engine} chelsea mixed10");
        output.WriteLine($"{engine} chelsea: max |ours − tfjs| mixed10 {err:E2}");
    }
}
