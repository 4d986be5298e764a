using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Execution.Cpu;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Nn.Kernels;

namespace DeepLearningPipelines.Nn.Execution;

/// <summary>
/// This library's own runtime: the managed CPU kernels (<see cref="CpuBackend"/>) after the CPU fusions of
/// <see cref="GraphOptimizer"/>, run by a <see cref="GraphExecutor"/> whose plans are pooled per input shape.
/// Kernel threads: <see cref="ExecutionOptions.ThreadsPerRun"/> when given, at most the process-wide <see cref="CpuBackend.MaxThreads"/>.
/// </summary>
public sealed class ManagedExecutionProvider : IExecutionProvider
{
    /// <summary>The engine name, <c>managed</c>.</summary>
    public const string EngineName = "managed";

    /// <inheritdoc />
    public string Name => EngineName;

    /// <summary>Every operator of the graph IR has a managed kernel, so nothing is reported.</summary>
    public ProviderCapability GetCapability(ModelGraph graph) => new(Name, []);

    /// <inheritdoc />
    public ICompiledModel Compile(ModelGraph graph, IReadOnlyList<string> outputs, ExecutionOptions? options = null)
    {
        if (options is { Device: not "cpu" })
            throw new DlpException($"The managed engine runs on the CPU only, not on device '{options.Device}'; use the onnxruntime engine for a GPU.");
        GraphExecutor executor;
        try { executor = new GraphExecutor(graph, featureValues: outputs); }
        catch (ArgumentException e) { throw new ModelFormatException($"Model {graph.Name}: {e.Message}", e); }
        if (outputs.FirstOrDefault(o => !executor.HasValue(o)) is { } missing)
        {
            executor.Dispose();
            throw new ModelFormatException($"Model {graph.Name}: value '{missing}' does not exist in the graph.");
        }
        return new Compiled(executor, outputs.ToArray(), options?.ThreadsPerRun);
    }

    private sealed class Compiled(GraphExecutor executor, string[] outputs, int? threads) : ICompiledModel
    {
        public Engine Engine => Engine.Managed;
        public IReadOnlyList<ValueInfo> Inputs => executor.Inputs;
        public IReadOnlyList<string> Outputs => outputs;
        public Dictionary<string, Tensor> Run(IReadOnlyDictionary<string, Tensor> inputs) => Parallelism.WithLimit(threads, () => executor.Run(inputs, outputs));
        public void Dispose() => executor.Dispose();
    }
}
