namespace DeepLearningPipelines.Nn.Graph;

/// <summary>
/// The runtime's model representation, produced by every importer: graph inputs and outputs, nodes, and
/// constant float32 initializers (weights) by name. Shapes of intermediate values are inferred by
/// <see cref="ShapeInference"/>.
/// </summary>
public sealed class ModelGraph
{
    /// <summary>Graph name (informational).</summary>
    public string Name { get; set; } = "graph";

    /// <summary>Values fed by the caller, with their expected shapes.</summary>
    public List<ValueInfo> Inputs { get; } = [];

    /// <summary>Values returned by default.</summary>
    public List<ValueInfo> Outputs { get; } = [];

    /// <summary>Operations, in any order (see <see cref="GraphSorter"/>).</summary>
    public List<Node> Nodes { get; } = [];

    /// <summary>Constant tensors (weights, biases) by value name.</summary>
    public Dictionary<string, Tensor> Initializers { get; } = new(StringComparer.Ordinal);

    /// <summary>The node producing <paramref name="value"/>, or null for inputs and initializers.</summary>
    public Node? Producer(string value) => Nodes.FirstOrDefault(n => n.Outputs.Contains(value));

    /// <summary>Nodes that read <paramref name="value"/>.</summary>
    public IEnumerable<Node> Consumers(string value) => Nodes.Where(n => n.Inputs.Contains(value));

    /// <summary>True when <paramref name="value"/> is a graph output.</summary>
    public bool IsOutput(string value) => Outputs.Any(o => o.Name == value);

    /// <summary>
    /// Marks the first dimension of every graph input and output as dynamic, so a model exported with a fixed
    /// batch of 1 accepts any batch size. Valid when no node hard-codes the batch (e.g. in a Reshape shape).
    /// </summary>
    public void MakeBatchDynamic()
    {
        for (int i = 0; i < Inputs.Count; i++)
            if (Inputs[i].Shape.Length > 0) Inputs[i] = Inputs[i] with { Shape = [-1, .. Inputs[i].Shape[1..]] };
        for (int i = 0; i < Outputs.Count; i++)
            if (Outputs[i].Shape.Length > 0) Outputs[i] = Outputs[i] with { Shape = [-1, .. Outputs[i].Shape[1..]] };
    }

    /// <summary>A copy whose node list, nodes and attributes can be rewritten without touching this graph; initializer tensors are shared.</summary>
    public ModelGraph Clone()
    {
        var copy = new ModelGraph { Name = Name };
        copy.Inputs.AddRange(Inputs);
        copy.Outputs.AddRange(Outputs);
        copy.Nodes.AddRange(Nodes.Select(n => new Node(n.Name, n.Op, n.Inputs, n.Outputs, n.Attributes.Clone())));
        foreach (var (name, tensor) in Initializers) copy.Initializers[name] = tensor;
        return copy;
    }
}
