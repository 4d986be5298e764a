using DeepLearningPipelines.Nn.Graph;

namespace DeepLearningPipelines.Nn.Execution;

/// <summary>
/// An inference engine behind one seam, as ONNX Runtime's execution providers: it says which parts of a graph it can
/// run, and compiles a whole graph (applying its own graph passes) into an <see cref="ICompiledModel"/>.
/// </summary>
public interface IExecutionProvider
{
    /// <summary>The engine's name, e.g. <c>managed</c> or <c>onnxruntime</c>.</summary>
    string Name { get; }

    /// <summary>Which nodes of <paramref name="graph"/> this provider cannot run (none: it can run the whole graph).</summary>
    ProviderCapability GetCapability(ModelGraph graph);

    /// <summary>
    /// Compiles <paramref name="graph"/> (not modified) so that a run returns the values named in <paramref name="outputs"/>
    /// (graph outputs or intermediate values). Throws <see cref="Core.ModelFormatException"/> when the graph cannot run here.
    /// </summary>
    ICompiledModel Compile(ModelGraph graph, IReadOnlyList<string> outputs, ExecutionOptions? options = null);
}
