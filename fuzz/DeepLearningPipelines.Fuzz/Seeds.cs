using DeepLearningPipelines.Nn;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Nn.Onnx;

namespace DeepLearningPipelines.Fuzz;

/// <summary>Writes the generated seed inputs of fuzz/corpus.</summary>
internal static class Seeds
{
    /// <summary>
    /// A tiny ONNX classifier exercising initializers, attributes and several op kinds:
    /// [1,3,8,8] → Conv 3×3 (4 filters) → Relu → MaxPool 2×2 → Reshape → Gemm (10) → Softmax.
    /// </summary>
    public static int WriteOnnx(string path)
    {
        var graph = new ModelGraph { Name = "fuzz-seed" };
        graph.Inputs.Add(new ValueInfo("image", [1, 3, 8, 8]));
        graph.Outputs.Add(new ValueInfo("probabilities", [1, 10]));
        graph.Initializers["w"] = Ramp([4, 3, 3, 3]);
        graph.Initializers["b"] = Ramp([4]);
        graph.Initializers["fc"] = Ramp([64, 10]);
        graph.Initializers["fc_b"] = Ramp([10]);
        graph.Nodes.Add(new Node("conv", OpKind.Conv, ["image", "w", "b"], ["c"], new NodeAttributes().Set("pads", [1, 1, 1, 1])));
        graph.Nodes.Add(new Node("relu", OpKind.Relu, ["c"], ["r"]));
        graph.Nodes.Add(new Node("pool", OpKind.MaxPool, ["r"], ["p"], new NodeAttributes().Set("kernel_shape", [2, 2]).Set("strides", [2, 2])));
        graph.Nodes.Add(new Node("flatten", OpKind.Flatten, ["p"], ["f"], new NodeAttributes().Set("axis", 1)));
        graph.Nodes.Add(new Node("fc", OpKind.Gemm, ["f", "fc", "fc_b"], ["logits"]));
        graph.Nodes.Add(new Node("softmax", OpKind.Softmax, ["logits"], ["probabilities"], new NodeAttributes().Set("axis", 1)));
        OnnxExporter.Save(graph, path);
        return 0;
    }

    private static Tensor Ramp(int[] shape)
    {
        var data = new float[Tensor.ElementCount(shape)];
        for (int i = 0; i < data.Length; i++) data[i] = (i % 7 - 3) * 0.01f;
        return new Tensor(data, shape);
    }
}
