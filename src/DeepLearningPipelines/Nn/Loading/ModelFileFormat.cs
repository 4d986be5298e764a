namespace DeepLearningPipelines.Nn.Loading;

/// <summary>The model file formats <see cref="ModelLoader"/> reads.</summary>
public enum ModelFileFormat
{
    /// <summary>An ONNX file (<c>.onnx</c>); channels-first image inputs as a rule.</summary>
    Onnx,

    /// <summary>A TF.js layers export (<c>model.json</c> and its weight shards, or the folder holding them); channels-last.</summary>
    TfjsLayers,

    /// <summary>A full Keras 2 HDF5 model (<c>.h5</c>, <c>.hdf5</c>, or a <c>.keras</c> file saved as HDF5); channels-last.</summary>
    KerasHdf5,
}
