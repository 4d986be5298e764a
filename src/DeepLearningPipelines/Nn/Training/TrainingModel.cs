using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Graph;

namespace DeepLearningPipelines.Nn.Training;

/// <summary>
/// What every <see cref="TrainingPlan"/> of a trainer shares: the graph (with the trainer's own copies of the
/// weights and BatchNormalization statistics), its topological order, the trainable parameters and the fused gradient buffer.
/// </summary>
internal sealed class TrainingModel
{
    private readonly Dictionary<string, TrainableParameter> _byName = new(StringComparer.Ordinal);
    private readonly HashSet<Node> _frozenBatchNorms = [];

    private TrainingModel(ModelGraph graph, List<Node> order) => (Graph, Order) = (graph, order);

    public ModelGraph Graph { get; }
    public List<Node> Order { get; }
    public List<TrainableParameter> Parameters { get; } = [];
    public float[] Gradients { get; private set; } = [];

    public TrainableParameter? Parameter(string name) => _byName.GetValueOrDefault(name);

    /// <summary>A BatchNormalization whose scale and bias are both frozen: it runs on its running statistics.</summary>
    public bool IsFrozenBatchNorm(Node node) => _frozenBatchNorms.Contains(node);

    /// <summary>
    /// Copies the graph and its initializers and selects the trainable parameters: the weights and biases of Conv,
    /// Gemm and MatMul, the scale and bias of BatchNormalization, and a constant added to (or multiplied with) the
    /// output of one of those (a bias emitted as a separate Add) — not constants such as input rescaling or
    /// BatchNormalization's running statistics. Then applies the freezing options.
    /// </summary>
    public static TrainingModel Create(ModelGraph source, TrainerOptions options)
    {
        var graph = source.Clone();
        foreach (var name in graph.Initializers.Keys.ToList())
        {
            var copy = new Tensor(graph.Initializers[name].Shape);
            graph.Initializers[name].Span.CopyTo(copy.Span);
            graph.Initializers[name] = copy;
        }
        var order = GraphSorter.Sort(graph);
        var model = new TrainingModel(graph, order);
        var frozenByPosition = FrozenBefore(order, options.FineTuneFrom);
        var candidates = new List<string>();
        foreach (var node in order)
            foreach (int i in ParameterInputs(graph, node))
                if (graph.Initializers.ContainsKey(node.Input(i)) && !candidates.Contains(node.Input(i))) candidates.Add(node.Input(i));
        int offset = 0;
        foreach (var name in candidates)
        {
            if (frozenByPosition.Contains(name) || options.FrozenPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal))) continue;
            var p = new TrainableParameter(name, graph.Initializers[name].Shape, offset);
            offset += p.Length;
            model.Parameters.Add(p);
            model._byName[name] = p;
        }
        model.Gradients = new float[offset];
        foreach (var node in order)
            if (node.Op == OpKind.BatchNormalization && model.Parameter(node.Input(1)) is null && model.Parameter(node.Input(2)) is null)
                model._frozenBatchNorms.Add(node);
        return model;
    }

    /// <summary>Positions of a node's inputs that hold trainable parameters when they are initializers.</summary>
    private static IEnumerable<int> ParameterInputs(ModelGraph graph, Node node) => node.Op switch
    {
        OpKind.Conv or OpKind.Gemm => [1, 2],
        OpKind.MatMul => [1],
        OpKind.BatchNormalization => [1, 2],
        OpKind.Add or OpKind.Sub or OpKind.Mul or OpKind.Div => BiasOperand(graph, node),
        _ => [],
    };

    private static IEnumerable<int> BiasOperand(ModelGraph graph, Node node)
    {
        for (int i = 0; i < 2; i++)
            if (graph.Producer(node.Input(1 - i)) is { Op: OpKind.Conv or OpKind.Gemm or OpKind.MatMul }) yield return i;
    }

    /// <summary>Initializers read only by nodes before <paramref name="nodeName"/> in <paramref name="order"/>.</summary>
    private static HashSet<string> FrozenBefore(List<Node> order, string? nodeName)
    {
        var frozen = new HashSet<string>(StringComparer.Ordinal);
        if (nodeName is null) return frozen;
        int at = order.FindIndex(n => n.Name == nodeName);
        if (at < 0)
            throw new ParamException($"FineTuneFrom: no node named '{nodeName}'. Nodes: {string.Join(", ", order.Select(n => n.Name).Take(40))}{(order.Count > 40 ? ", …" : "")}.");
        foreach (var node in order.Take(at)) frozen.UnionWith(node.Inputs);
        foreach (var node in order.Skip(at)) frozen.ExceptWith(node.Inputs);
        return frozen;
    }
}
