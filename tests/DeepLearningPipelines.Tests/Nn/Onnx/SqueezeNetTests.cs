using DeepLearningPipelines.Nn;
using DeepLearningPipelines.Nn.Execution;
using DeepLearningPipelines.Nn.Onnx;
using Xunit.Abstractions;

namespace DeepLearningPipelines.Tests.Nn.Onnx;

/// <summary>
/// SqueezeNet 1.1 (fp16 ONNX, opset 7) against ONNX Runtime 1.30 outputs from the shared fixtures. Tolerance:
/// atol 1e-3 (the fixtures README's suggestion, ~10× the fp16 output rounding of the reference); top-5 must
/// match (top-3 for coffee, whose ranks 4 and 5 are an exact fp16 tie).
/// </summary>
public class SqueezeNetTests(ITestOutputHelper output)
{
    private const float Tolerance = 1e-3f;
    internal static string ModelPath => Path.Combine(TestData.ModelsDir, "squeezenet1.1", "model.onnx");
    private static string Reference(string file) => Path.Combine(TestData.ModelsDir, "squeezenet1.1", "reference_ort", file);

    [Theory]
    [InlineData("fish", 5)]
    [InlineData("chelsea", 5)]
    [InlineData("coffee", 3)]
    [InlineData("rocket", 5)]
    public void MatchesOnnxRuntime(string image, int topK)
    {
        using var executor = new GraphExecutor(OnnxImporter.Load(ModelPath));
        var input = new Tensor(TestData.ReadF32(Reference($"{image}.input.f32")), 1, 3, 224, 224);
        float[] expected = TestData.ReadF32(Reference($"{image}.softmaxout_1.f32"));
        using var result = executor.Run(input);
        Assert.Equal([1, 1000, 1, 1], result.Shape);
        float maxErr = TestData.AssertClose(expected, result.Span, Tolerance, context: image);
        output.WriteLine($"{image}: max |ours − ORT| = {maxErr:E2}");
        Assert.Equal(TopK(expected, topK), TopK(result.ToArray(), topK));
    }

    [Fact]
    public void BatchOfFourEqualsSingleRuns()
    {
        string[] images = ["fish", "chelsea", "coffee", "rocket"];
        var graph = OnnxImporter.Load(ModelPath);
        graph.MakeBatchDynamic();
        using var executor = new GraphExecutor(graph);
        var batch = new float[4 * 3 * 224 * 224];
        for (int i = 0; i < 4; i++) TestData.ReadF32(Reference($"{images[i]}.input.f32")).CopyTo(batch, i * 3 * 224 * 224);
        using var result = executor.Run(new Tensor(batch, 4, 3, 224, 224));
        Assert.Equal([4, 1000, 1, 1], result.Shape);
        for (int i = 0; i < 4; i++)
        {
            float[] expected = TestData.ReadF32(Reference($"{images[i]}.softmaxout_1.f32"));
            TestData.AssertClose(expected, result.Span.Slice(i * 1000, 1000), Tolerance, context: images[i]);
        }
    }

    internal static int[] TopK(float[] probabilities, int k) =>
        probabilities.Select((p, i) => (p, i)).OrderByDescending(t => t.p).ThenBy(t => t.i).Take(k).Select(t => t.i).ToArray();
}
