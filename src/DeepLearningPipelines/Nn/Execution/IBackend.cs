using DeepLearningPipelines.Nn.Graph;

namespace DeepLearningPipelines.Nn.Execution;

/// <summary>
/// A compute backend: turns a node with known input and output shapes into a runnable <see cref="IKernel"/>.
/// The executor owns scheduling and memory; a backend only computes.
/// </summary>
public interface IBackend
{
    /// <summary>Short name for diagnostics, e.g. "cpu".</summary>
    string Name { get; }

    /// <summary>
    /// Prepares <paramref name="node"/> for the given shapes (absent optional inputs have empty shapes).
    /// <paramref name="constantInputs"/> holds the initializer behind each input, or null for computed inputs, so a
    /// backend may pre-transform weights. Throws <see cref="Core.ModelFormatException"/> when the node cannot run here.
    /// </summary>
    IKernel Compile(Node node, IReadOnlyList<int[]> inputShapes, IReadOnlyList<int[]> outputShapes, IReadOnlyList<Tensor?> constantInputs);
}
