using DeepLearningPipelines.Nn;
using DeepLearningPipelines.Nn.Execution;
using DeepLearningPipelines.Nn.Onnx;
using DeepLearningPipelines.Nn.Onnx.Proto;
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
        // ORT computes in float32 and rounds the output to float16; do the same and count exact agreements.
        int equalAfterFp16 = Enumerable.Range(0, 1000).Count(i => (float)(Half)result.Span[i] == expected[i]);
        output.WriteLine($"{image}: max |ours − ORT| = {maxErr:E2}, {equalAfterFp16}/1000 equal after rounding ours to fp16");
        Assert.True(equalAfterFp16 >= 990, $"only {equalAfterFp16}/1000 values agree after fp16 rounding");
        Assert.Equal(TopK(expected, topK), TopK(result.ToArray(), topK));
    }

    /// <summary>
    /// ONNX-zoo test vectors (TensorProto files, non-integer inputs): the ORT reference fed the input rounded to fp16,
    /// so we do too (atol 1e-3); the zoo's own outputs come from the fp32 parent model (README: atol 2e-3).
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void MatchesZooTestVectors(int set)
    {
        string dir = Path.Combine(TestData.ModelsDir, "squeezenet1.1", $"test_data_set_{set}");
        var reader = new OnnxTensorReader(null);
        using var input = reader.ReadFloats(TensorProto.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(dir, "input_0.pb"))));
        Assert.Equal([1, 3, 224, 224], input.Shape);
        foreach (ref float v in input.Span) v = (float)(Half)v;
        using var executor = new GraphExecutor(OnnxImporter.Load(ModelPath));
        using var result = executor.Run(input);
        float[] ort = TestData.ReadF32(Reference($"test_data_set_{set}.softmaxout_1.f32"));
        float[] zoo = reader.ReadFloats(TensorProto.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(dir, "output_0.pb")))).ToArray();
        float errOrt = TestData.AssertClose(ort, result.Span, Tolerance, context: "ORT");
        float errZoo = TestData.AssertClose(zoo, result.Span, 2e-3f, context: "zoo fp32 model");
        output.WriteLine($"zoo set {set}: max |ours − ORT| = {errOrt:E2}, max |ours − zoo fp32| = {errZoo:E2}");
        Assert.Equal(533, TopK(result.ToArray(), 1)[0]);
        Assert.Equal(TopK(ort, 5), TopK(result.ToArray(), 5));
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
