using DeepLearningPipelines.Nn;
using DeepLearningPipelines.Nn.Execution;
using DeepLearningPipelines.Nn.Onnx;
using DeepLearningPipelines.Tests.Nn.Onnx;

namespace DeepLearningPipelines.Tests.Nn.Execution;

public class GraphExecutorTests
{
    private static Tensor Fish() =>
        new(TestData.ReadF32(Path.Combine(TestData.ModelsDir, "squeezenet1.1", "reference_ort", "fish.input.f32")), 1, 3, 224, 224);

    [Fact]
    public void IntermediateValuesCanBeRequestedByName()
    {
        var graph = OnnxImporter.Load(SqueezeNetTests.ModelPath);
        using var executor = new GraphExecutor(graph, featureValues: ["conv10_1"]);
        var results = executor.Run(new Dictionary<string, Tensor> { ["data_0"] = Fish() }, ["fire9/concat_1", "conv10_1", "softmaxout_1"]);
        Assert.Equal([1, 512, 13, 13], results["fire9/concat_1"].Shape);
        Assert.Equal([1, 1000, 13, 13], results["conv10_1"].Shape);

        using var reference = new GraphExecutor(graph, optimize: false);
        var expected = reference.Run(new Dictionary<string, Tensor> { ["data_0"] = Fish() }, ["fire9/concat_1", "conv10_1", "softmaxout_1"]);
        foreach (var name in expected.Keys) Assert.Equal(expected[name].ToArray(), results[name].ToArray());
        foreach (var t in results.Values.Concat(expected.Values)) t.Dispose();
    }

    [Fact]
    public void ValueRemovedByOptimisationMustBeDeclared()
    {
        using var executor = new GraphExecutor(OnnxImporter.Load(SqueezeNetTests.ModelPath));
        var ex = Assert.Throws<ArgumentException>(() => executor.Run(new Dictionary<string, Tensor> { ["data_0"] = Fish() }, ["conv10_1"]));
        Assert.Contains("'conv10_1' does not exist in the optimised graph", ex.Message);
    }

    [Fact]
    public void RepeatedRunsReuseThePlanAndGiveIdenticalResults()
    {
        using var executor = new GraphExecutor(OnnxImporter.Load(SqueezeNetTests.ModelPath));
        using var first = executor.Run(Fish());
        using var second = executor.Run(Fish());
        Assert.Equal(first.ToArray(), second.ToArray());
    }

    [Fact]
    public void PlansForDifferentBatchSizesShareWeightsAndAgree()
    {
        var graph = DeepLearningPipelines.Nn.Zoo.ZooCatalog.Get("MobileNet_0.25").Build(includeTop: true, new DeepLearningPipelines.Nn.Zoo.SeededRandomWeights(4));
        using var executor = new GraphExecutor(graph);
        const int image = 224 * 224 * 3;
        float[] images = TestData.Random(new Random(12), 3 * image);
        using var batch = executor.Run(new Tensor(images, 3, 224, 224, 3));
        for (int i = 0; i < 3; i++)
        {
            using var single = executor.Run(new Tensor(images[(i * image)..((i + 1) * image)], 1, 224, 224, 3));
            TestData.AssertClose(single.Span, batch.Span.Slice(i * 1000, 1000), 1e-6f, 1e-5f, $"image {i}");
        }
    }
}
