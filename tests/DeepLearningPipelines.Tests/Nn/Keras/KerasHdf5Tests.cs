using DeepLearningPipelines.Nn.Execution;
using System.Text.Json;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Keras;
using DeepLearningPipelines.Nn.Keras.Hdf5;
using DeepLearningPipelines.Nn.Keras.Layers;
using DeepLearningPipelines.Nn.Zoo;
using Xunit.Abstractions;

namespace DeepLearningPipelines.Tests.Nn.Keras;

/// <summary>
/// Keras 2 HDF5 files written by h5py (Fixtures/keras/generate_keras_h5_fixtures.py): a full MobileNet v1 0.25 model
/// (<c>model_config</c> + <c>model_weights</c>, the shared TF.js weights) must reproduce the TF.js references (probs atol
/// 1e-5, gap256 atol 1e-4); a weights-only file must reproduce a numpy forward pass of a small model (atol 1e-5);
/// a model nested as a layer must be inlined and find its weights in its own group; malformed files must fail with
/// messages naming the layer and shapes. Needs the HDF5 C library (libhdf5-103-1).
/// </summary>
public class KerasHdf5Tests(ITestOutputHelper output)
{
    private static string Fixture(string name) => Path.Combine(TestData.RepoRoot(), "tests", "DeepLearningPipelines.Tests", "Fixtures", "keras", name);

    [Theory]
    [InlineData(Engine.Managed)]
    [InlineData(Engine.OnnxRuntime)]
    public void FullModelFileMatchesTfjs(Engine engine)
    {
        var graph = KerasHdf5Model.Load(Fixture("mobilenet_v1_0.25_full.h5"), ["reshape_2", "global_average_pooling2d_1"]);
        var results = SharedModels.Run(graph, SharedModels.MobileNetReference("chelsea.input.f32"), 224, engine);

        float probsErr = TestData.AssertClose(SharedModels.MobileNetReference("chelsea.probs.f32"), results["reshape_2"], 1e-5f, context: "probs");
        float gapErr = TestData.AssertClose(SharedModels.MobileNetReference("chelsea.gap256.f32"), results["global_average_pooling2d_1"], 1e-4f, context: "gap256");
        output.WriteLine($"chelsea: max |h5 − tfjs| probs {probsErr:E2}, gap256 {gapErr:E2}");
    }

    [Theory]
    [InlineData(Engine.Managed)]
    [InlineData(Engine.OnnxRuntime)]
    public void ZooModelLoadsWeightsByNameFromAFullModelFile(Engine engine)
    {
        using var weights = new KerasHdf5Weights(Fixture("mobilenet_v1_0.25_full.h5"));
        var graph = ZooCatalog.Get("MobileNet_0.25").Build(includeTop: true, weights);
        var probs = SharedModels.Run(graph, SharedModels.MobileNetReference("coffee.input.f32"), 224, engine)["predictions"];
        TestData.AssertClose(SharedModels.MobileNetReference("coffee.probs.f32"), probs, 1e-5f, context: "coffee probs");
    }

    [Theory]
    [InlineData(Engine.Managed)]
    [InlineData(Engine.OnnxRuntime)]
    public void WeightsOnlyFileMatchesNumpy(Engine engine)
    {
        using var reference = JsonDocument.Parse(File.ReadAllText(Fixture("tiny_reference.json")));
        float[] Floats(string name) => reference.RootElement.GetProperty(name).EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();

        using var weights = new KerasHdf5Weights(Fixture("tiny_weights_only.h5"));
        Assert.Equal(["input_1", "conv", "flatten", "dense"], weights.LayerNames);
        var graph = KerasGraphBuilder.Build(TinyModel(), weights, ["flatten", "dense"]);
        var results = SharedModels.Run(graph, Floats("input"), 6, engine);

        float flattenErr = TestData.AssertClose(Floats("flatten"), results["flatten"], 1e-5f, context: "flatten (NHWC order)");
        float probsErr = TestData.AssertClose(Floats("probabilities"), results["dense"], 1e-5f, context: "probabilities");
        output.WriteLine($"max |ours − numpy| flatten {flattenErr:E2}, probabilities {probsErr:E2}");
    }

    [Theory]
    [InlineData(Engine.Managed)]
    [InlineData(Engine.OnnxRuntime)]
    public void NestedModelIsInlinedAndFindsItsWeights(Engine engine)
    {
        using var reference = JsonDocument.Parse(File.ReadAllText(Fixture("tiny_reference.json")));
        float[] Floats(string name) => reference.RootElement.GetProperty(name).EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();

        var graph = KerasHdf5Model.Load(Fixture("tiny_nested_full.h5"));
        Assert.Equal("image", graph.Inputs[0].Name);
        Assert.Equal("tiny", graph.Outputs[0].Name);
        var probabilities = SharedModels.Run(graph, Floats("input"), 6, engine)["tiny"];
        TestData.AssertClose(Floats("probabilities"), probabilities, 1e-5f, context: "nested");
    }

    [Fact]
    public void FileWithoutKerasWeightsIsRejected()
    {
        var ex = Assert.Throws<ModelFormatException>(() => new KerasHdf5Weights(Fixture("bad_no_weights.h5")));
        Assert.Contains("no 'layer_names' attribute", ex.Message);
    }

    [Fact]
    public void LayerListedWithoutGroupIsNamed()
    {
        using var weights = new KerasHdf5Weights(Fixture("bad_missing_group.h5"));
        var ex = Assert.Throws<ModelFormatException>(() => KerasGraphBuilder.Build(TinyModel(), weights));
        Assert.Contains("layer 'dense' is listed in 'layer_names' but its group", ex.Message);
    }

    [Fact]
    public void WeightShapeMismatchNamesLayerAndShapes()
    {
        using var weights = new KerasHdf5Weights(Fixture("bad_shape.h5"));
        var ex = Assert.Throws<ModelFormatException>(() => KerasGraphBuilder.Build(TinyModel(), weights));
        Assert.Contains("layer 'dense' (Dense)", ex.Message);
        Assert.Contains("[35,3]", ex.Message);
        Assert.Contains("needs [36,3]", ex.Message);
    }

    [Fact]
    public void LayerAbsentFromFileIsNamed()
    {
        var layers = TinyModel().Layers.ToList();
        var extra = new DenseLayer("dense_extra", 2);
        extra.Calls.Add([new KerasTensorRef("dense")]);
        var model = new KerasModel("tiny_extra", [.. layers, extra], [new KerasTensorRef("input_1")], [new KerasTensorRef("dense_extra")]);
        using var weights = new KerasHdf5Weights(Fixture("tiny_weights_only.h5"));
        var ex = Assert.Throws<ModelFormatException>(() => KerasGraphBuilder.Build(model, weights));
        Assert.Contains("layer 'dense_extra' (Dense): weight 'kernel' [3,2] is missing", ex.Message);
    }

    [Fact]
    public void WeightsOnlyFileHasNoArchitecture()
    {
        var ex = Assert.Throws<ModelFormatException>(() => KerasHdf5Model.Load(Fixture("tiny_weights_only.h5")));
        Assert.Contains("no 'model_config' attribute", ex.Message);
    }

    [Fact]
    public void NonHdf5FileIsRejected()
    {
        string path = Path.Combine(Path.GetTempPath(), $"dlp-not-hdf5-{Guid.NewGuid():N}.h5");
        File.WriteAllText(path, "not an HDF5 file");
        try
        {
            var ex = Assert.Throws<ModelFormatException>(() => new KerasHdf5Weights(path));
            Assert.Contains("as an HDF5 file", ex.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Conv2D(4, 3×3, strides 2, same, relu) → Flatten → Dense(3, softmax) on 6×6×3, as in the fixture script.</summary>
    private static KerasModel TinyModel()
    {
        var input = new InputLayer("input_1", [6, 6, 3]);
        var conv = new Conv2DLayer("conv", 4, new KerasWindow(3, 3, 2, 2, KerasPadding.Same), activation: "relu");
        conv.Calls.Add([new KerasTensorRef("input_1")]);
        var flatten = new FlattenLayer("flatten");
        flatten.Calls.Add([new KerasTensorRef("conv")]);
        var dense = new DenseLayer("dense", 3, activation: "softmax");
        dense.Calls.Add([new KerasTensorRef("flatten")]);
        return new KerasModel("tiny", [input, conv, flatten, dense], [new KerasTensorRef("input_1")], [new KerasTensorRef("dense")]);
    }
}
