using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Nn;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Nn.Onnx;
using DeepLearningPipelines.Vision.Imaging;
using DeepLearningPipelines.Vision.Sources;

namespace DeepLearningPipelines.Tests.Vision;

/// <summary>
/// A tiny ONNX image model for cache tests: input [1,3,8,8] → Conv 3×3 (4 filters, padding 1) with weights drawn from
/// a seed, so that two seeds give two models of the same shape and file size but different features.
/// </summary>
internal static class TinyFeatureModel
{
    public const int Features = 4;

    /// <summary>Writes the model of <paramref name="seed"/> to <paramref name="path"/> (creating its folder) and returns the path.</summary>
    public static string Write(string path, int seed)
    {
        var random = new Random(seed);
        var graph = new ModelGraph { Name = "tiny_features" };
        graph.Inputs.Add(new ValueInfo("image", [1, 3, 8, 8]));
        graph.Outputs.Add(new ValueInfo("features", [1, Features, 8, 8]));
        graph.Initializers["w"] = new Tensor(Enumerable.Range(0, Features * 27).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray(), Features, 3, 3, 3);
        graph.Initializers["b"] = new Tensor(Enumerable.Range(0, Features).Select(_ => (float)random.NextDouble()).ToArray(), Features);
        graph.Nodes.Add(new Node("conv", OpKind.Conv, ["image", "w", "b"], ["features"], new NodeAttributes().Set("pads", [1, 1, 1, 1])));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        OnnxExporter.Save(graph, path);
        return path;
    }

    /// <summary>Three 10×12 BGR images of seeded noise in <paramref name="session"/>.</summary>
    public static DataFrame Images(DlpSession session)
    {
        var random = new Random(7);
        var rows = Enumerable.Range(0, 3).Select(i =>
        {
            var pixels = new byte[10 * 12 * 3];
            random.NextBytes(pixels);
            return new object?[] { ImageSchema.ToRow(new ImageData(10, 12, 3, pixels), $"noise{i}.png") };
        });
        return session.CreateDataFrame(rows, ImageSchema.ImageFields);
    }
}
