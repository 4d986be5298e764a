using System.Text.Json;
using DeepLearningPipelines.Nn;
using DeepLearningPipelines.Nn.Execution;
using DeepLearningPipelines.Nn.Keras.Tfjs;
using Xunit.Abstractions;

namespace DeepLearningPipelines.Tests.Nn.Keras;

/// <summary>
/// A small TF.js model using most supported layers, with float32, uint8, uint16 and float16 weights, against a float64
/// numpy forward pass (Fixtures/keras/generate_layer_mix_tfjs.py). Intermediate layers are requested as outputs and
/// must have their Keras (channels-last) shapes and values; atol 1e-5.
/// </summary>
public class TfjsLayerMixTests(ITestOutputHelper output)
{
    internal static string Folder => Path.Combine(TestData.RepoRoot(), "tests", "DeepLearningPipelines.Tests", "Fixtures", "keras", "layer_mix_tfjs");

    [Fact]
    public void EveryCheckedLayerMatchesNumpy()
    {
        using var reference = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "reference.json")));
        var root = reference.RootElement;
        string[] layers = ["cat", "sep", "mul", "flat", "cat2", "dense3", "out"];
        var graph = TfjsModel.Load(Path.Combine(Folder, "model.json")).ToGraph(layers);

        float[] input = root.GetProperty("input").EnumerateArray().Select(v => v.GetSingle()).ToArray();
        using var executor = new GraphExecutor(graph);
        var results = executor.Run(new Dictionary<string, Tensor> { ["input_1"] = new Tensor(input, 1, 7, 7, 2) }, layers);
        foreach (var layer in layers)
        {
            var expected = root.GetProperty(layer);
            int[] shape = expected.GetProperty("shape").EnumerateArray().Select(v => v.GetInt32()).ToArray();
            Assert.Equal(shape, graph.Outputs.Single(o => o.Name == layer).Shape);
            Assert.Equal([1, .. shape[1..]], results[layer].Shape);
            float err = TestData.AssertClose(expected.GetProperty("values").EnumerateArray().Select(v => (float)v.GetDouble()).ToArray(), results[layer].Span, 1e-5f, context: layer);
            output.WriteLine($"{layer}: max |ours − numpy| {err:E2}");
            results[layer].Dispose();
        }
    }
}
