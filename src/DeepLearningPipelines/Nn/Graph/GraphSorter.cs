using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Nn.Graph;

/// <summary>Structural validation and topological ordering of a <see cref="ModelGraph"/>.</summary>
public static class GraphSorter
{
    /// <summary>
    /// Returns the nodes in an order where every value is produced before it is read. Throws
    /// <see cref="ModelFormatException"/> for a value produced twice, an input nobody produces, a graph output
    /// nobody produces, or a cycle (naming the nodes on it).
    /// </summary>
    public static List<Node> Sort(ModelGraph graph)
    {
        var available = new HashSet<string>(StringComparer.Ordinal) { "" };
        foreach (var input in graph.Inputs) available.Add(input.Name);
        foreach (var name in graph.Initializers.Keys) available.Add(name);

        var producer = new Dictionary<string, Node>(StringComparer.Ordinal);
        foreach (var node in graph.Nodes)
            foreach (var output in node.Outputs)
            {
                if (output.Length == 0) continue;
                if (producer.TryGetValue(output, out var other))
                    throw new ModelFormatException($"Value '{output}' is produced by both {other} and {node}.");
                if (available.Contains(output))
                    throw new ModelFormatException($"{node} writes '{output}', which is already a graph input or initializer.");
                producer[output] = node;
            }

        foreach (var node in graph.Nodes)
            foreach (var input in node.Inputs)
                if (!available.Contains(input) && !producer.ContainsKey(input))
                    throw new ModelFormatException($"{node} reads '{input}', which is not a graph input, an initializer or any node's output.");
        foreach (var output in graph.Outputs)
            if (!available.Contains(output.Name) && !producer.ContainsKey(output.Name))
                throw new ModelFormatException($"Graph output '{output.Name}' is not produced by any node.");

        // Kahn's algorithm, keeping the file order among ready nodes.
        var pending = new Dictionary<Node, int>();
        var readers = new Dictionary<string, List<Node>>(StringComparer.Ordinal);
        foreach (var node in graph.Nodes)
        {
            int missing = 0;
            foreach (var input in node.Inputs.Distinct())
            {
                if (available.Contains(input)) continue;
                missing++;
                if (!readers.TryGetValue(input, out var list)) readers[input] = list = [];
                list.Add(node);
            }
            pending[node] = missing;
        }
        var order = new List<Node>(graph.Nodes.Count);
        var ready = new Queue<Node>(graph.Nodes.Where(n => pending[n] == 0));
        while (ready.Count > 0)
        {
            var node = ready.Dequeue();
            order.Add(node);
            foreach (var output in node.Outputs)
                if (readers.TryGetValue(output, out var list))
                    foreach (var reader in list)
                        if (--pending[reader] == 0) ready.Enqueue(reader);
        }
        if (order.Count != graph.Nodes.Count)
        {
            var stuck = graph.Nodes.Where(n => pending[n] > 0).Select(n => $"'{n.Name}'").Take(8);
            throw new ModelFormatException($"The graph has a cycle through nodes {string.Join(", ", stuck)}.");
        }
        return order;
    }
}
