using DeepLearningPipelines.Nn.Execution;
using DeepLearningPipelines.Nn.Keras.Tfjs;

namespace DeepLearningPipelines.Fuzz;

/// <summary>Loads a TF.js layers model from a <see cref="TfjsBundle"/> input and prepares its graph.</summary>
internal static class TfjsTarget
{
    public static void Run(byte[] data)
    {
        if (!TfjsBundle.TrySplit(data, out _, out _)) return;
        var graph = TfjsModel.Load(TfjsBundle.Expand(data, ScratchFolder.Fresh())).ToGraph();
        new GraphExecutor(graph).Dispose();
    }
}
