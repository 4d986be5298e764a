using DeepLearningPipelines.Core;
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
    public void Hdf5_dataset_whose_dimensions_exceed_an_int_is_refused_as_too_large()
    {
        // tiny_nested_full.h5 with a weight dataset's dataspace dimensions corrupted to more than int.MaxValue.
        var error = Assert.Throws<ModelFormatException>(() => KerasHdf5Model.Load(FuzzFixtures.Path("h5-dataset-dims-overflow.h5")));
        Assert.Contains("too large to read", error.Message);
    }
}
