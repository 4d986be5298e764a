using System.Text.Json;
using DeepLearningPipelines.Nn;
using DeepLearningPipelines.Nn.Execution;
using DeepLearningPipelines.Nn.Keras.Tfjs;
using DeepLearningPipelines.Tests.Nn.Execution;
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

    [Theory]
    [InlineData(Engine.Managed)]
    [InlineData(Engine.OnnxRuntime)]
    public void EveryCheckedLayerMatchesNumpy(Engine engine)
    {
        using var reference = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "reference.json")));
        var root = reference.RootElement;
        string[] layers = ["cat", "sep", "mul", "flat", "cat2", "dense3", "out"];
        var graph = TfjsModel.Load(Path.Combine(Folder, "model.json")).ToGraph(layers);

        float[] input = root.GetProperty("input").EnumerateArray().Select(v => v.GetSingle()).ToArray();
        using var tensor = new Tensor(input, 1, 7, 7, 2);
        var results = EngineRunner.Run(engine, graph, tensor, layers);
        foreach (var layer in layers)
        {
            var expected = root.GetProperty(layer);
            int[] shape = expected.GetProperty("shape").EnumerateArray().Select(v => v.GetInt32()).ToArray();
            Assert.Equal(shape, graph.Outputs.Single(o => o.Name == layer).Shape);
            Assert.Equal(shape[1..].Aggregate(1, (a, d) => a * d), results[layer].Length);
            float err = TestData.AssertClose(expected.GetProperty("values").EnumerateArray().Select(v => (float)v.GetDouble()).ToArray(), results[layer], 1e-5f, context: layer);
            output.WriteLine($"{engine} {layer}: max |ours − numpy| {err:E2}");
        }
    }
}
