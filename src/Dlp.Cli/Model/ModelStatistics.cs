using DeepLearningPipelines.Nn.Diagnostics;
using DeepLearningPipelines.Nn.Graph;

namespace DeepLearningPipelines.Cli.Model;

/// <summary>A named graph input or output; −1 marks a dimension fixed only at run time (the batch).</summary>
internal sealed record TensorSummary(string Name, int[] Shape);

/// <summary>
/// What <c>dlp model inspect</c> reports: inputs, outputs (shapes inferred at batch 1 where the model leaves them open),
/// parameter count (elements of all initializers), FLOPs of one image (2 per multiply-add of Conv, Gemm and MatMul;
/// null for graphs with several inputs)
/// and the number of nodes per operator of the runtime graph.
/// </summary>
internal sealed record ModelStatistics(
    IReadOnlyList<TensorSummary> Inputs,
    IReadOnlyList<TensorSummary> Outputs,
    long Parameters,
    long? Flops,
    IReadOnlyDictionary<string, int> Operators)
{
    public static ModelStatistics Of(ModelGraph graph)
    {
        var shapes = ShapeInference.InferWithUnitBatch(graph, GraphSorter.Sort(graph));
        var outputs = graph.Outputs.Select(o => new TensorSummary(o.Name, WithDynamicBatch(shapes[o.Name], o.Shape))).ToList();
        long? flops = graph.Inputs.Count == 1 ? 2 * ThroughputBenchmark.Macs(graph, shapes[graph.Inputs[0].Name]) : null;
        var operators = graph.Nodes.GroupBy(n => n.Op.ToString()).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count());
        return new ModelStatistics(
            graph.Inputs.Select(i => new TensorSummary(i.Name, i.Shape)).ToList(),
            outputs,
            graph.Initializers.Values.Sum(t => (long)t.Length),
            flops,
            operators);
    }

    private static int[] WithDynamicBatch(int[] inferred, int[] declared) =>
        declared.Length == inferred.Length && declared.Length > 0 && declared[0] < 0 ? [-1, .. inferred[1..]] : inferred;
}
