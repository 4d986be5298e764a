namespace DeepLearningPipelines.Nn.Graph;

/// <summary>One operation: reads named values, writes named values. An empty input name marks an absent optional input.</summary>
public sealed class Node(string name, OpKind op, IEnumerable<string> inputs, IEnumerable<string> outputs, NodeAttributes? attributes = null)
{
    /// <summary>Unique node name (used in error messages).</summary>
    public string Name { get; set; } = name;
    /// <summary>The operation.</summary>
    public OpKind Op { get; set; } = op;

    /// <summary>Names of the values read, in the operator's input order ("" = absent optional input).</summary>
    public List<string> Inputs { get; } = [.. inputs];

    /// <summary>Names of the values written.</summary>
    public List<string> Outputs { get; } = [.. outputs];

    /// <summary>Operator attributes (see <see cref="OpKind"/> for the names each operator reads).</summary>
    public NodeAttributes Attributes { get; } = attributes ?? new NodeAttributes();

    /// <summary>The i-th input name, or "" when absent.</summary>
    public string Input(int i) => i < Inputs.Count ? Inputs[i] : "";

    /// <inheritdoc />
    public override string ToString() => $"node '{Name}' ({Op})";
}
