namespace DeepLearningPipelines.Nn.Execution;

/// <summary>What an <see cref="IExecutionProvider"/> can run of a graph: the nodes it cannot, each with the reason.</summary>
public sealed record ProviderCapability(string Provider, IReadOnlyList<UnsupportedNode> Unsupported)
{
    /// <summary>True when the provider can run every node.</summary>
    public bool SupportsAll => Unsupported.Count == 0;

    /// <summary>One line naming the unsupported nodes, or that the whole graph is supported.</summary>
    public string Describe() => SupportsAll
        ? $"{Provider} runs every node"
        : $"{Provider} cannot run {string.Join("; ", Unsupported.Select(u => $"node '{u.Node}' ({u.Op}): {u.Reason}"))}";
}

/// <summary>A node a provider cannot run.</summary>
public sealed record UnsupportedNode(string Node, string Op, string Reason);
