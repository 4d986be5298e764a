using DeepLearningPipelines.Nn.Loading;
using System.Text.Json;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Keras;
using DeepLearningPipelines.Nn.Keras.Hdf5;
using DeepLearningPipelines.Nn.Keras.Layers;

namespace DeepLearningPipelines.Tests.Nn.Keras;

/// <summary>
/// Matching HDF5 weights to an architecture: by name when every weighted layer is in the file, by order when names
/// differ (numpy reference of Fixtures/keras/tiny_weights_only.h5, atol 1e-5), an error when the file has too few
/// weighted layers; and <see cref="ModelLoader"/> dispatching on the path.
/// </summary>
public class KerasWeightMatchingTests
{
    private static string Fixture(string name) => Path.Combine(TestData.RepoRoot(), "tests", "DeepLearningPipelines.Tests", "Fixtures", "keras", name);

    [Fact]
    public void MatchingNamesUseTheFileDirectly()
    {
        using var file = new KerasHdf5Weights(Fixture("tiny_weights_only.h5"));
        Assert.Same(file, KerasWeightMatching.For(Tiny("conv", "flatten", "dense"), file));
        Assert.Equal(["conv", "dense"], file.WeightedLayerNames);
    }

    [Fact]
    public void DifferentNamesMatchByLayerOrder()
    {
        var model = Tiny("c1", "fl", "d1");
        using var file = new KerasHdf5Weights(Fixture("tiny_weights_only.h5"));
        var source = KerasWeightMatching.For(model, file);
        Assert.Contains("matched by layer order", source.Description);

        using var reference = JsonDocument.Parse(File.ReadAllText(Fixture("tiny_reference.json")));
        float[] Floats(string name) => reference.RootElement.GetProperty(name).EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();
        var probabilities = SharedModels.Run(KerasGraphBuilder.Build(model, source), Floats("input"), 6)["d1"];
        TestData.AssertClose(Floats("probabilities"), probabilities, 1e-5f, context: "by order");
    }

    [Fact]
    public void TooFewWeightedLayersInTheFileIsAnError()
    {
        var model = Tiny("c1", "fl", "d1");
        var extra = new DenseLayer("d2", 2);
        extra.Calls.Add([new KerasTensorRef("d1")]);
        var bigger = new KerasModel("bigger", [.. model.Layers, extra], model.Inputs, [new KerasTensorRef("d2")]);
        using var file = new KerasHdf5Weights(Fixture("tiny_weights_only.h5"));
        var ex = Assert.Throws<ModelFormatException>(() => KerasWeightMatching.For(bigger, file));
        Assert.Contains("the model has 3 layers with weights, the file 2", ex.Message);
    }

    [Fact]
    public void ImporterAcceptsTfjsFolderAndHdf5File()
    {
        var fromFolder = ModelLoader.LoadFile(SharedModels.MobileNetDir);
        var fromH5 = ModelLoader.LoadFile(Fixture("mobilenet_v1_0.25_full.h5"));
        Assert.Equal("reshape_2", fromFolder.Outputs[0].Name);
        Assert.Equal(fromFolder.Outputs[0].Shape, fromH5.Outputs[0].Shape);
        Assert.Equal(fromFolder.Nodes.Select(n => n.Op), fromH5.Nodes.Select(n => n.Op));
        var ex = Assert.Throws<ModelFormatException>(() => ModelLoader.LoadFile(Fixture("tiny_reference.json")));
        Assert.Contains("no 'modelTopology'", ex.Message);
    }

    private static KerasModel Tiny(string conv, string flatten, string dense)
    {
        var input = new InputLayer("input_1", [6, 6, 3]);
        var c = new Conv2DLayer(conv, 4, new KerasWindow(3, 3, 2, 2, KerasPadding.Same), activation: "relu");
        c.Calls.Add([new KerasTensorRef("input_1")]);
        var f = new FlattenLayer(flatten);
        f.Calls.Add([new KerasTensorRef(conv)]);
        var d = new DenseLayer(dense, 3, activation: "softmax");
        d.Calls.Add([new KerasTensorRef(flatten)]);
        return new KerasModel("tiny", [input, c, f, d], [new KerasTensorRef("input_1")], [new KerasTensorRef(dense)]);
    }
}
