using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Nn.Keras.Hdf5;
using DeepLearningPipelines.Nn.Keras.Tfjs;

namespace DeepLearningPipelines.Nn.Keras;

/// <summary>
/// Loads a user's Keras model file into the runtime graph: a TF.js layers export (<c>model.json</c>, or the folder
/// holding it) or a full Keras 2 HDF5 model (<c>.h5</c>/<c>.hdf5</c>). Inputs are channels-last; outputs keep their
/// Keras shapes (see <see cref="KerasGraphBuilder"/>).
/// </summary>
public static class KerasImporter
{
    /// <param name="path">model.json, a folder containing it, or a .h5/.hdf5 file.</param>
    /// <param name="outputLayers">Layers whose outputs the graph returns; the model outputs by default.</param>
    public static ModelGraph Load(string path, IReadOnlyList<string>? outputLayers = null)
    {
        if (Directory.Exists(path)) path = Path.Combine(path, "model.json");
        if (!File.Exists(path)) throw new ModelFormatException($"Keras model '{path}' does not exist.");
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".json" => TfjsModel.Load(path).ToGraph(outputLayers),
            ".h5" or ".hdf5" => KerasHdf5Model.Load(path, outputLayers),
            var other => throw new ModelFormatException($"'{path}': unknown Keras model format '{other}' (expected model.json or .h5)."),
        };
    }
}
