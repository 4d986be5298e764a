using DeepLearningPipelines.Nn;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Nn.Onnx;

namespace DeepLearningPipelines.Tests.Streaming;

/// <summary>
/// A tiny ONNX classifier with ImageNet's 1,000 outputs, so that <c>dlp predict</c> can decode its classes: input
/// [1,3,8,8] → Conv 3×3 (4 filters) → Flatten → Gemm to 1,000 scores, with seeded weights. Runs in microseconds.
/// </summary>
internal static class TinyImageNetClassifier
{
    public static string Write(string folder)
    {
        var random = new Random(11);
        float[] Draw(int n) => Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var graph = new ModelGraph { Name = "tiny_imagenet" };
        graph.Inputs.Add(new ValueInfo("image", [1, 3, 8, 8]));
        graph.Outputs.Add(new ValueInfo("scores", [1, 1000]));
        graph.Initializers["w"] = new Tensor(Draw(4 * 27), 4, 3, 3, 3);
        graph.Initializers["b"] = new Tensor(Draw(4), 4);
        graph.Initializers["fc"] = new Tensor(Draw(256 * 1000), 256, 1000);
        graph.Initializers["fc_b"] = new Tensor(Draw(1000), 1000);
        graph.Nodes.Add(new Node("conv", OpKind.Conv, ["image", "w", "b"], ["features"], new NodeAttributes().Set("pads", [1, 1, 1, 1])));
        graph.Nodes.Add(new Node("flatten", OpKind.Flatten, ["features"], ["flat"], new NodeAttributes().Set("axis", 1)));
        graph.Nodes.Add(new Node("fc", OpKind.Gemm, ["flat", "fc", "fc_b"], ["scores"]));
        var path = Path.Combine(folder, "tiny-imagenet.onnx");
        OnnxExporter.Save(graph, path);
        return path;
    }
}
