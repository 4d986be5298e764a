using System.Collections.Concurrent;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn;
using DeepLearningPipelines.Nn.Execution;
using DeepLearningPipelines.Nn.Graph;

namespace DeepLearningPipelines.Vision.Tensors;

/// <summary>
/// A model loaded for <see cref="TensorTransformer"/>: its graph with a dynamic batch, the shape of one row of each of
/// its values, and batched runs on an inference engine. Runs from several threads share the session's parallelism as
/// image models do (<see cref="ExecutionOptions.Budget"/>).
/// </summary>
public sealed class TensorModel : IDisposable
{
    private readonly ModelGraph _graph;
    private readonly Dictionary<string, int[]> _shapes;
    private readonly IExecutionProvider _provider;
    private readonly ExecutionOptions _options;
    private readonly SemaphoreSlim _runs;
    private readonly ConcurrentDictionary<string, Lazy<ICompiledModel>> _compiled = new(StringComparer.Ordinal);

    /// <param name="name">The model's name or path, for messages.</param>
    /// <param name="graph">The network, its batch dimension dynamic; it is not modified.</param>
    /// <param name="weightsSha256">Lower-case hex SHA-256 of the weights files.</param>
    /// <param name="parallelism">The threads all runs may use together (a session's <c>Parallelism</c>).</param>
    /// <param name="engine">The inference engine; null: <see cref="Engines.Default"/>, falling back to the managed one where ONNX Runtime cannot run the graph.</param>
    /// <param name="device"><c>cpu</c> or <c>cuda</c>; null: <see cref="Devices.Default"/>.</param>
    internal TensorModel(string name, ModelGraph graph, string weightsSha256, int parallelism, Engine? engine, string? device)
    {
        Name = name;
        WeightsSha256 = weightsSha256;
        _graph = graph;
        try { _shapes = ShapeInference.InferWithUnitBatch(graph, GraphSorter.Sort(graph)); }
        catch (ArgumentException e) { throw new ModelFormatException($"Model {name}: {e.Message}", e); }
        _provider = Engines.ProviderFor(graph, engine, device);
        var (runs, threads) = ExecutionOptions.Budget(parallelism);
        _options = new ExecutionOptions { ThreadsPerRun = threads, Device = Devices.Resolve(device) };
        _runs = new SemaphoreSlim(runs);
    }

    /// <summary>The model's name or path.</summary>
    public string Name { get; }

    /// <summary>Lower-case hex SHA-256 of the weights files.</summary>
    public string WeightsSha256 { get; }

    /// <summary>The engine that runs this model.</summary>
    public string EngineName => _provider.Name;

    /// <summary>The graph inputs, batch first (−1: any size).</summary>
    public IReadOnlyList<ValueInfo> Inputs => _graph.Inputs;

    /// <summary>The graph outputs.</summary>
    public IReadOnlyList<ValueInfo> Outputs => _graph.Outputs;

    /// <summary>The values a run may return: every node output, the graph outputs first.</summary>
    public IEnumerable<string> Values => _graph.Outputs.Select(o => o.Name)
        .Concat(_graph.Nodes.SelectMany(n => n.Outputs).Where(o => o.Length > 0)).Distinct();

    /// <summary>The shape of one row of <paramref name="value"/> (its shape without the batch axis); null when the graph has no such value.</summary>
    public int[]? RowShape(string value) => _shapes.TryGetValue(value, out var shape) && shape.Length > 0 ? shape[1..] : null;

    /// <summary>
    /// Runs one batch through the model: <paramref name="inputs"/> holds a tensor per graph input, batch first; the
    /// result holds a new tensor per value of <paramref name="outputs"/>, owned by the caller.
    /// </summary>
    public Dictionary<string, Tensor> Run(IReadOnlyDictionary<string, Tensor> inputs, IReadOnlyList<string> outputs)
    {
        var model = _compiled.GetOrAdd(string.Join('\n', outputs), _ => new Lazy<ICompiledModel>(() => _provider.Compile(_graph, outputs, _options))).Value;
        _runs.Wait();
        try { return model.Run(inputs); }
        catch (ArgumentException e) { throw new DlpException($"Model {Name}: {e.Message}", e); }
        finally { _runs.Release(); }
    }

    public void Dispose()
    {
        foreach (var model in _compiled.Values.Where(l => l.IsValueCreated)) model.Value.Dispose();
        _runs.Dispose();
    }
}
