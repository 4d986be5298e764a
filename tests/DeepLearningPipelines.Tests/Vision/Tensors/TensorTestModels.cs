using DeepLearningPipelines.Nn;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Nn.Onnx;
using DeepLearningPipelines.Tests.Support;

namespace DeepLearningPipelines.Tests.Vision.Tensors;

/// <summary>Small ONNX models with known weights for <c>TensorTransformer</c> tests, written with the project's exporter.</summary>
internal static class TensorTestModels
{
    /// <summary>Seeded weights in [−0.5, 0.5), as a row-major array.</summary>
    public static float[] Weights(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
    }

    /// <summary>A Dense layer: input <c>features</c> [N,inputs] → <c>logits</c> = features·W + b [N,outputs].</summary>
    public static string Dense(string path, float[] w, float[] b, int inputs, int outputs)
    {
        var graph = new ModelGraph { Name = "dense_head" };
        graph.Inputs.Add(new ValueInfo("features", [-1, inputs]));
        graph.Outputs.Add(new ValueInfo("logits", [-1, outputs]));
        graph.Initializers["w"] = new Tensor(w, inputs, outputs);
        graph.Initializers["b"] = new Tensor(b, outputs);
        graph.Nodes.Add(new Node("dense", OpKind.Gemm, ["features", "w", "b"], ["logits"]));
        return Save(graph, path);
    }

    /// <summary>The conformance suite's model: a Dense head 3 → 2 over the <c>features</c> vectors of the mixed frame.</summary>
    public static string Dense3x2 => LazyDense3x2.Value;

    private static readonly Lazy<string> LazyDense3x2 = new(() =>
        Dense(Path.Combine(TestPaths.NewTempDir(), "dense3x2.onnx"), Weights(6, 1), Weights(2, 2), 3, 2));

    /// <summary>
    /// Two inputs and two outputs: <c>a</c> [N,3] and <c>b</c> [N,2,2] give <c>mixed</c> = a·Wa + flatten(b)·Wb [N,2]
    /// and <c>relu_b</c> = relu(b) [N,2,2].
    /// </summary>
    public static string TwoInTwoOut(string path, float[] wa, float[] wb)
    {
        var graph = new ModelGraph { Name = "two_in_two_out" };
        graph.Inputs.Add(new ValueInfo("a", [-1, 3]));
        graph.Inputs.Add(new ValueInfo("b", [-1, 2, 2]));
        graph.Outputs.Add(new ValueInfo("mixed", [-1, 2]));
        graph.Outputs.Add(new ValueInfo("relu_b", [-1, 2, 2]));
        graph.Initializers["wa"] = new Tensor(wa, 3, 2);
        graph.Initializers["wb"] = new Tensor(wb, 4, 2);
        graph.Nodes.Add(new Node("from_a", OpKind.Gemm, ["a", "wa"], ["from_a"]));
        graph.Nodes.Add(new Node("flat_b", OpKind.Flatten, ["b"], ["flat_b"], new NodeAttributes().Set("axis", 1)));
        graph.Nodes.Add(new Node("from_b", OpKind.Gemm, ["flat_b", "wb"], ["from_b"]));
        graph.Nodes.Add(new Node("mixed", OpKind.Add, ["from_a", "from_b"], ["mixed"]));
        graph.Nodes.Add(new Node("relu_b", OpKind.Relu, ["b"], ["relu_b"]));
        return Save(graph, path);
    }

    private static string Save(ModelGraph graph, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        OnnxExporter.Save(graph, path);
        return path;
    }
}
