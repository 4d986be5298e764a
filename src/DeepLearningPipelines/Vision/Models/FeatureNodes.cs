using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Vision.Imaging;

namespace DeepLearningPipelines.Vision.Models;

/// <summary>
/// Appends to a graph the two forms of a rank-4 feature value that image stages return per image: its global average
/// over positions (one value per channel) and its values flattened in channels-last order (sparkdl's layout).
/// </summary>
internal static class FeatureNodes
{
    /// <summary>Adds the nodes; returns the names of the pooled [N, C] and flattened [N, H·W·C] values.</summary>
    public static (string Pooled, string Flat) Append(ModelGraph graph, string feature, TensorLayout layout)
    {
        string nchw = feature, nhwc = feature;
        if (layout == TensorLayout.Nhwc) nchw = Transpose(graph, feature, [0, 3, 1, 2], "nchw");
        else nhwc = Transpose(graph, feature, [0, 2, 3, 1], "nhwc");
        string averaged = Add(graph, OpKind.GlobalAveragePool, nchw, $"{feature}/dlp_global_average", new NodeAttributes());
        string pooled = Add(graph, OpKind.Flatten, averaged, $"{feature}/dlp_pooled", new NodeAttributes().Set("axis", 1));
        string flat = Add(graph, OpKind.Flatten, nhwc, $"{feature}/dlp_flat", new NodeAttributes().Set("axis", 1));
        return (pooled, flat);
    }

    private static string Transpose(ModelGraph graph, string input, int[] perm, string suffix) =>
        Add(graph, OpKind.Transpose, input, $"{input}/dlp_{suffix}", new NodeAttributes().Set("perm", perm));

    private static string Add(ModelGraph graph, OpKind op, string input, string output, NodeAttributes attributes)
    {
        graph.Nodes.Add(new Node(output, op, [input], [output], attributes));
        return output;
    }
}
