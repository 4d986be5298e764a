using DeepLearningPipelines.Nn.Execution;
using DeepLearningPipelines.Nn.Keras.Hdf5;

namespace DeepLearningPipelines.Fuzz;

/// <summary>Loads a full Keras .h5 model (through the native HDF5 library, from a temporary file) and prepares its graph.</summary>
internal static class Hdf5Target
{
    public static void Run(byte[] data)
    {
        var graph = KerasHdf5Model.Load(ScratchFolder.WriteFile("model.h5", data));
        new GraphExecutor(graph).Dispose();
    }
}
