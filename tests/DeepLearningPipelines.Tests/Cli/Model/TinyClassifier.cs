using DeepLearningPipelines.Nn;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Nn.Onnx;

namespace DeepLearningPipelines.Tests.Cli.Model;

/// <summary>
/// A hand-countable ONNX classifier: input [1,3,8,8] → Conv 3×3 (4 filters, padding 1) → Flatten → Gemm to 10 logits
/// (no softmax). Conv: 4·8·8 outputs × 27 multiply-adds = 6,912; Gemm: 10 outputs × 256 = 2,560.
/// </summary>
internal static class TinyClassifier
{
    public const long Flops = 2 * (6912 + 2560);
    public const long Parameters = 4 * 3 * 3 * 3 + 4 + 256 * 10 + 10;
    public const int Classes = 10;

    public static string Write(string folder)
    {
        var graph = new ModelGraph { Name = "tiny" };
        graph.Inputs.Add(new ValueInfo("image", [1, 3, 8, 8]));
        graph.Outputs.Add(new ValueInfo("logits", [1, Classes]));
        graph.Initializers["w"] = Filled([4, 3, 3, 3], 0.01f);
        graph.Initializers["b"] = Filled([4], 0f);
        graph.Initializers["fc"] = Filled([256, Classes], 0.001f);
        graph.Initializers["fc_b"] = new Tensor(Enumerable.Range(0, Classes).Select(i => (float)i).ToArray(), Classes);
        graph.Nodes.Add(new Node("conv", OpKind.Conv, ["image", "w", "b"], ["features"], new NodeAttributes().Set("pads", [1, 1, 1, 1])));
        graph.Nodes.Add(new Node("flatten", OpKind.Flatten, ["features"], ["flat"], new NodeAttributes().Set("axis", 1)));
        graph.Nodes.Add(new Node("fc", OpKind.Gemm, ["flat", "fc", "fc_b"], ["logits"]));
        string path = Path.Combine(folder, "tiny.onnx");
        OnnxExporter.Save(graph, path);
        return path;
    }

    private static Tensor Filled(int[] shape, float value)
    {
        var data = new float[Tensor.ElementCount(shape)];
        Array.Fill(data, value);
        return new Tensor(data, shape);
    }
}
