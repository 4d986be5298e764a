using DeepLearningPipelines.Nn;
using DeepLearningPipelines.Nn.Execution;
using DeepLearningPipelines.Nn.Zoo;

namespace DeepLearningPipelines.Tests.Nn.Zoo;

/// <summary>
/// MobileNetV2 (inverted residuals, correct_pad zero padding, ReLU(6), a Dense top) executed with seeded random weights:
/// outputs are probability vectors, the same seed gives the same graph weights and a batch of two equals two single runs.
/// </summary>
public class ZooRandomWeightsTests
{
    [Fact]
    public void MobileNetV2RunsOnABatchWithSeededWeights()
    {
        var model = ZooCatalog.Get("MobileNetV2");
        var graph = model.Build(includeTop: true, new SeededRandomWeights(seed: 3));
        var again = model.Build(includeTop: true, new SeededRandomWeights(seed: 3));
        var other = model.Build(includeTop: true, new SeededRandomWeights(seed: 4));
        Assert.Equal(graph.Initializers["Conv1/kernel"].ToArray(), again.Initializers["Conv1/kernel"].ToArray());
        Assert.NotEqual(graph.Initializers["Conv1/kernel"].ToArray(), other.Initializers["Conv1/kernel"].ToArray());

        var rng = new Random(11);
        int size = 224 * 224 * 3;
        float[] batch = TestData.Random(rng, 2 * size);
        using var executor = new GraphExecutor(graph);
        using var both = executor.Run(new Tensor(batch, 2, 224, 224, 3));
        Assert.Equal([2, 1000], both.Shape);
        for (int i = 0; i < 2; i++)
        {
            using var single = executor.Run(new Tensor(batch[(i * size)..((i + 1) * size)], 1, 224, 224, 3));
            TestData.AssertClose(single.Span, both.Span.Slice(i * 1000, 1000), 1e-6f, context: $"image {i}");
            Assert.Equal(1.0, single.ToArray().Sum(v => (double)v), 4);
            Assert.All(single.ToArray(), p => Assert.InRange(p, 0f, 1f));
        }
    }
}
