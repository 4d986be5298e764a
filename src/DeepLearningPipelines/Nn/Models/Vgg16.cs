using DeepLearningPipelines.Nn.Graph;

namespace DeepLearningPipelines.Nn.Models;

/// <summary>VGG-16 with seeded random weights, for benchmarks. At 224×224 it holds 138 M parameters (≈550 MB of float32).</summary>
public static class Vgg16
{
    /// <summary>Builds the graph: input <c>[N,3,S,S]</c> (S a multiple of 32), output <c>probabilities</c> <c>[N,classes]</c>.</summary>
    public static ModelGraph Build(int classes = 1000, int seed = 0, int imageSize = 224)
    {
        if (imageSize % 32 != 0 || imageSize <= 0) throw new ArgumentOutOfRangeException(nameof(imageSize), imageSize, "VGG16 needs a positive multiple of 32.");
        var b = new GraphBuilder("vgg16", 3, imageSize, imageSize, seed);
        string x = b.Input;
        foreach (var (channels, convs) in new[] { (64, 2), (128, 2), (256, 3), (512, 3), (512, 3) })
        {
            for (int i = 0; i < convs; i++) x = b.Relu(b.Conv(x, channels, 3, 3, bias: true));
            x = b.MaxPool(x, 2, 2);
        }
        int side = imageSize / 32;
        return b.Dense(b.Flatten(x), 512 * side * side, 4096, 4096, classes);
    }
}
