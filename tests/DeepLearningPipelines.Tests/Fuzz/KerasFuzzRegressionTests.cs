using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Keras;
using DeepLearningPipelines.Nn.Keras.Hdf5;
using DeepLearningPipelines.Nn.Keras.Tfjs;

namespace DeepLearningPipelines.Tests.Fuzz;

/// <summary>Keras model files (TF.js and HDF5) found by fuzzing; each must be refused with a <see cref="ModelFormatException"/>.</summary>
public sealed class KerasFuzzRegressionTests
{
    [Fact]
    public void Tfjs_manifest_entry_without_shape_is_refused_naming_the_weight()
    {
        // layer_mix_tfjs with the first manifest entry's "shape" key mangled to "shap`".
        var error = Assert.Throws<ModelFormatException>(() => TfjsModel.Load(FuzzFixtures.Path(Path.Combine("tfjs-weight-without-shape", "model.json"))));
        Assert.Contains("weight 'conv_a/kernel' has no 'shape' list", error.Message);
    }

    [Fact]
    public void Tfjs_model_json_with_a_repeated_property_is_refused_as_invalid_json()
    {
        // A layer object of layer_mix_tfjs whose mutated text repeats "class_name" and "config".
        var error = Assert.Throws<ModelFormatException>(() => TfjsModel.Load(FuzzFixtures.Path(Path.Combine("tfjs-duplicate-property", "model.json"))));
        Assert.Contains("is not valid JSON", error.Message);
        Assert.Contains("class_name", error.Message);
    }

    [Fact]
    public void Keras_config_text_with_a_repeated_property_is_refused_as_invalid_json()
    {
        const string config = """{"class_name": "Sequential", "class_name": "Functional", "config": {"layers": []}}""";
        var error = Assert.Throws<ModelFormatException>(() => KerasConfigParser.Parse(config, "model_config"));
        Assert.Contains("model_config is not valid JSON", error.Message);
    }

    [Fact]
    public void Hdf5_dataset_whose_dimensions_exceed_an_int_is_refused_as_too_large()
    {
        // tiny_nested_full.h5 with a weight dataset's dataspace dimensions corrupted to more than int.MaxValue.
        var error = Assert.Throws<ModelFormatException>(() => KerasHdf5Model.Load(FuzzFixtures.Path("h5-dataset-dims-overflow.h5")));
        Assert.Contains("too large to read", error.Message);
    }

    [Fact]
    public void Hdf5_dataset_declaring_more_than_its_storage_can_hold_is_refused_before_allocating()
    {
        // A 14 KB file whose weight dataset declares several GB: refused without allocating them.
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<ModelFormatException>(() => KerasHdf5Model.Load(FuzzFixtures.Path("h5-dataset-larger-than-its-storage.h5")));
        Assert.Contains("the file is damaged", error.Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 64 << 20, "the declared size was allocated");
    }
}
