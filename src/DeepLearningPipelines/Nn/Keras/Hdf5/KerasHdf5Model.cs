using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Graph;

namespace DeepLearningPipelines.Nn.Keras.Hdf5;

/// <summary>A full Keras 2 model saved with <c>model.save('x.h5')</c>: the <c>model_config</c> JSON attribute plus <c>model_weights</c>.</summary>
public static class KerasHdf5Model
{
    /// <summary>Reads the architecture and builds the runtime graph with the file's weights.</summary>
    /// <param name="path">The .h5 file.</param>
    /// <param name="outputLayers">Layers whose outputs the graph returns; the model outputs by default.</param>
    public static ModelGraph Load(string path, IReadOnlyList<string>? outputLayers = null)
    {
        using var weights = new KerasHdf5Weights(path);
        return KerasGraphBuilder.Build(ReadArchitecture(weights), weights, outputLayers);
    }

    /// <summary>Reads only the architecture.</summary>
    public static KerasModel ReadArchitecture(string path)
    {
        using var weights = new KerasHdf5Weights(path);
        return ReadArchitecture(weights);
    }

    private static KerasModel ReadArchitecture(KerasHdf5Weights weights)
    {
        if (!weights.File.HasAttribute("model_config"))
            throw new ModelFormatException($"{weights.Description} has no 'model_config' attribute: it holds weights only; build the architecture (e.g. from the zoo) and load them by layer name.");
        string json = KerasHdf5Weights.ReadChunkedStrings(weights.File, "model_config").Single();
        return KerasConfigParser.Parse(json, $"{weights.Description} model_config");
    }
}
