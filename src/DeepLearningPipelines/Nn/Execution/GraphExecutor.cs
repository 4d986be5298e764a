using DeepLearningPipelines.Nn.Execution.Cpu;
using DeepLearningPipelines.Nn.Graph;

namespace DeepLearningPipelines.Nn.Execution;

/// <summary>
/// Runs a <see cref="ModelGraph"/> on a backend. At construction the graph is copied, validated (topological
/// order, shape inference with batch 1) and optimised (<see cref="GraphOptimizer"/>). Each distinct combination
/// of input shapes and requested values is compiled into plans whose intermediate buffers are reused across runs.
/// Runs are thread-safe and may overlap: each run in flight uses its own plan (see <see cref="PlanPool"/>); results
/// are new tensors owned by the caller.
/// </summary>
public sealed class GraphExecutor : IDisposable
{
    private readonly IBackend _backend;
    private readonly List<Node> _order;
    private readonly HashSet<string> _values;
    private readonly PlanPool _plans = new();

    /// <param name="graph">The model; it is not modified.</param>
    /// <param name="backend">Compute backend; the managed CPU backend by default.</param>
    /// <param name="featureValues">Intermediate values that a run may be asked for; optimisation keeps them.</param>
    /// <param name="optimize">Apply the load-time graph optimisations.</param>
    public GraphExecutor(ModelGraph graph, IBackend? backend = null, IEnumerable<string>? featureValues = null, bool optimize = true)
    {
        _backend = backend ?? new CpuBackend();
        Graph = graph.Clone();
        GraphSorter.Sort(Graph);
        if (optimize) GraphOptimizer.Optimize(Graph, new HashSet<string>(featureValues ?? [], StringComparer.Ordinal));
        _order = GraphSorter.Sort(Graph);
        _values = ShapeInference.InferWithUnitBatch(Graph, _order).Keys.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The optimised graph being executed.</summary>
    public ModelGraph Graph { get; }

    /// <summary>Graph inputs with their expected shapes (−1 = any size).</summary>
    public IReadOnlyList<ValueInfo> Inputs => Graph.Inputs;

    /// <summary>Graph outputs.</summary>
    public IReadOnlyList<ValueInfo> Outputs => Graph.Outputs;

    /// <summary>True when a run can return <paramref name="value"/> (it survived optimisation).</summary>
    internal bool HasValue(string value) => _values.Contains(value);

    /// <summary>
    /// Runs the graph on a batch. <paramref name="outputNames"/> defaults to the graph outputs and may name any
    /// value that survived optimisation (pass intermediate names as <c>featureValues</c> at construction).
    /// Throws <see cref="ArgumentException"/> when an input is missing or has the wrong shape.
    /// </summary>
    public Dictionary<string, Tensor> Run(IReadOnlyDictionary<string, Tensor> inputs, IEnumerable<string>? outputNames = null)
    {
        string[] names = (outputNames ?? Graph.Outputs.Select(o => o.Name)).ToArray();
        foreach (var name in names)
            if (!_values.Contains(name))
                throw new ArgumentException($"Value '{name}' does not exist in the optimised graph; pass it as a feature value when creating the executor.", nameof(outputNames));
        foreach (var input in Graph.Inputs)
        {
            if (!inputs.TryGetValue(input.Name, out var tensor))
                throw new ArgumentException($"Input '{input.Name}' {input.ShapeText} was not given.", nameof(inputs));
            if (!input.Accepts(tensor.Shape))
                throw new ArgumentException($"Input '{input.Name}': expected {input.ShapeText}, got {Tensor.Format(tensor.Shape)}.", nameof(inputs));
        }

        string key = string.Join(";", Graph.Inputs.Select(i => Tensor.Format(inputs[i.Name].Shape))) + "|" + string.Join(";", names);
        return _plans.Use(key,
            () => new ExecutionPlan(Graph, _order, _backend, Graph.Inputs.ToDictionary(i => i.Name, i => inputs[i.Name].Shape), names),
            plan => plan.Run(inputs));
    }

    /// <summary>Runs a single-input graph and returns its first output.</summary>
    public Tensor Run(Tensor input)
    {
        if (Graph.Inputs.Count != 1) throw new ArgumentException($"The graph has {Graph.Inputs.Count} inputs; use the dictionary overload.");
        return Run(new Dictionary<string, Tensor> { [Graph.Inputs[0].Name] = input })[Graph.Outputs[0].Name];
    }

    /// <summary>Returns the planned buffers to the pool.</summary>
    public void Dispose() => _plans.Dispose();
}
