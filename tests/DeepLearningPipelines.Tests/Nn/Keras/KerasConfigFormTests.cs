using System.Text.Json;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Keras;
using DeepLearningPipelines.Nn.Keras.Hdf5;

namespace DeepLearningPipelines.Tests.Nn.Keras;

/// <summary>
/// The same small model (Conv2D 3×3/2 same relu → Flatten → Dense softmax, weights from Fixtures/keras/tiny_weights_only.h5)
/// written as a Keras 2.2 Sequential list, a Sequential object without an InputLayer, and a Keras 3 Functional config
/// (<c>args</c>/<c>keras_history</c> inbound nodes, <c>batch_shape</c>): each must reproduce the numpy reference (atol 1e-5).
/// </summary>
public class KerasConfigFormTests
{
    private const string Conv = """{"class_name": "Conv2D", "config": {"name": "conv", "filters": 4, "kernel_size": [3, 3], "strides": [2, 2], "padding": "same", "activation": "relu", "use_bias": true, "data_format": "channels_last", "dilation_rate": [1, 1] BATCH}}""";
    private const string Flatten = """{"class_name": "Flatten", "config": {"name": "flatten"}}""";
    private const string Dense = """{"class_name": "Dense", "config": {"name": "dense", "units": 3, "activation": "softmax", "use_bias": true}}""";

    public static TheoryData<string> Configs => new()
    {
        """{"class_name": "Sequential", "config": [""" + Conv.Replace(" BATCH", ", \"batch_input_shape\": [null, 6, 6, 3]") + ", " + Flatten + ", " + Dense + "]}",
        """{"class_name": "Sequential", "config": {"name": "seq", "layers": [{"class_name": "InputLayer", "config": {"name": "input_1", "batch_shape": [null, 6, 6, 3]}}, """
            + Conv.Replace(" BATCH", "") + ", " + Flatten + ", " + Dense + "]}}",
        """
        {"class_name": "Functional", "config": {"name": "keras3", "layers": [
          {"name": "input_1", "class_name": "InputLayer", "config": {"name": "input_1", "batch_shape": [null, 6, 6, 3]}, "inbound_nodes": []},
          {"name": "conv", "class_name": "Conv2D", "config": {"name": "conv", "filters": 4, "kernel_size": [3, 3], "strides": [2, 2], "padding": "same", "activation": "relu", "use_bias": true, "data_format": "channels_last"},
           "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__", "config": {"shape": [null, 6, 6, 3], "keras_history": ["input_1", 0, 0]}}], "kwargs": {}}]},
          {"name": "flatten", "class_name": "Flatten", "config": {"name": "flatten", "data_format": "channels_last"},
           "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__", "config": {"keras_history": ["conv", 0, 0]}}], "kwargs": {}}]},
          {"name": "dense", "class_name": "Dense", "config": {"name": "dense", "units": 3, "activation": {"module": "keras.activations", "class_name": "function", "config": "softmax"}},
           "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__", "config": {"keras_history": ["flatten", 0, 0]}}], "kwargs": {}}]}],
          "input_layers": ["input_1", 0, 0], "output_layers": ["dense", 0, 0]}}
        """,
    };

    [Theory]
    [MemberData(nameof(Configs))]
    public void EveryConfigFormReproducesTheReference(string json)
    {
        var model = KerasConfigParser.Parse(json);
        using var weights = new KerasHdf5Weights(Fixture("tiny_weights_only.h5"));
        var graph = KerasGraphBuilder.Build(model, weights);
        Assert.Equal([-1, 3], graph.Outputs[0].Shape);

        using var reference = JsonDocument.Parse(File.ReadAllText(Fixture("tiny_reference.json")));
        float[] Floats(string name) => reference.RootElement.GetProperty(name).EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();
        var probabilities = SharedModels.Run(graph, Floats("input"), 6)["dense"];
        TestData.AssertClose(Floats("probabilities"), probabilities, 1e-5f, context: model.Name);
    }

    [Fact]
    public void SequentialWithoutInputShapeIsRejected()
    {
        string json = """{"class_name": "Sequential", "config": [""" + Conv.Replace(" BATCH", "") + ", " + Flatten + "]}";
        var ex = Assert.Throws<ModelFormatException>(() => KerasConfigParser.Parse(json));
        Assert.Contains("the first layer 'conv' of the Sequential model declares no input shape", ex.Message);
    }

    [Fact]
    public void UnknownInputSizeIsReported()
    {
        string json = """{"class_name": "Sequential", "config": [""" + Conv.Replace(" BATCH", ", \"batch_input_shape\": [null, null, null, 3]") + "]}";
        var ex = Assert.Throws<ModelFormatException>(() => KerasConfigParser.Parse(json));
        Assert.Contains("has an unknown size; only fixed input sizes are supported", ex.Message);
    }

    private static string Fixture(string name) => Path.Combine(TestData.RepoRoot(), "tests", "DeepLearningPipelines.Tests", "Fixtures", "keras", name);
}
