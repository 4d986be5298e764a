using DeepLearningPipelines.Nn.Graph;

namespace DeepLearningPipelines.Nn.Models;

/// <summary>
/// Inception-v3 (Keras layout: unpadded stem, mixed0–mixed10, 1×7/7×1 factorised convolutions) with seeded random
/// weights, for benchmarks. Every convolution is followed by batch norm and ReLU.
/// </summary>
public static class InceptionV3
{
    /// <summary>Builds the graph: input <c>[N,3,S,S]</c> (S ≥ 75, 299 by default), output <c>probabilities</c> <c>[N,classes]</c>.</summary>
    public static ModelGraph Build(int classes = 1000, int seed = 0, int imageSize = 299)
    {
        var b = new GraphBuilder("inception_v3", 3, imageSize, imageSize, seed);
        int[] valid = [0, 0, 0, 0];
        string x = b.ConvBnRelu(b.Input, 32, 3, 3, 2, valid);
        x = b.ConvBnRelu(x, 32, 3, 3, 1, valid);
        x = b.ConvBnRelu(x, 64, 3, 3);
        x = b.MaxPool(x, 3, 2);
        x = b.ConvBnRelu(x, 80, 1, 1, 1, valid);
        x = b.ConvBnRelu(x, 192, 3, 3, 1, valid);
        x = b.MaxPool(x, 3, 2);

        foreach (int poolChannels in new[] { 32, 64, 64 }) x = BlockA(b, x, poolChannels);
        x = b.Concat(b.ConvBnRelu(x, 384, 3, 3, 2, valid),
            b.ConvBnRelu(b.ConvBnRelu(b.ConvBnRelu(x, 64, 1, 1), 96, 3, 3), 96, 3, 3, 2, valid),
            b.MaxPool(x, 3, 2));
        foreach (int mid in new[] { 128, 160, 160, 192 }) x = BlockC(b, x, mid);
        x = b.Concat(b.ConvBnRelu(b.ConvBnRelu(x, 192, 1, 1), 320, 3, 3, 2, valid),
            b.ConvBnRelu(b.ConvBnRelu(b.ConvBnRelu(b.ConvBnRelu(x, 192, 1, 1), 192, 1, 7), 192, 7, 1), 192, 3, 3, 2, valid),
            b.MaxPool(x, 3, 2));
        for (int i = 0; i < 2; i++) x = BlockE(b, x);
        return b.ClassifierHead(x, classes);
    }

    private static string BlockA(GraphBuilder b, string x, int poolChannels) => b.Concat(
        b.ConvBnRelu(x, 64, 1, 1),
        b.ConvBnRelu(b.ConvBnRelu(x, 48, 1, 1), 64, 5, 5),
        b.ConvBnRelu(b.ConvBnRelu(b.ConvBnRelu(x, 64, 1, 1), 96, 3, 3), 96, 3, 3),
        b.ConvBnRelu(b.AveragePool(x, 3, 1, 1), poolChannels, 1, 1));

    private static string BlockC(GraphBuilder b, string x, int mid)
    {
        string seven = b.ConvBnRelu(b.ConvBnRelu(b.ConvBnRelu(x, mid, 1, 1), mid, 1, 7), 192, 7, 1);
        string double7 = b.ConvBnRelu(x, mid, 1, 1);
        double7 = b.ConvBnRelu(b.ConvBnRelu(double7, mid, 7, 1), mid, 1, 7);
        double7 = b.ConvBnRelu(b.ConvBnRelu(double7, mid, 7, 1), 192, 1, 7);
        return b.Concat(b.ConvBnRelu(x, 192, 1, 1), seven, double7, b.ConvBnRelu(b.AveragePool(x, 3, 1, 1), 192, 1, 1));
    }

    private static string BlockE(GraphBuilder b, string x)
    {
        string three = b.ConvBnRelu(x, 384, 1, 1);
        string threeSplit = b.Concat(b.ConvBnRelu(three, 384, 1, 3), b.ConvBnRelu(three, 384, 3, 1));
        string dbl = b.ConvBnRelu(b.ConvBnRelu(x, 448, 1, 1), 384, 3, 3);
        string dblSplit = b.Concat(b.ConvBnRelu(dbl, 384, 1, 3), b.ConvBnRelu(dbl, 384, 3, 1));
        return b.Concat(b.ConvBnRelu(x, 320, 1, 1), threeSplit, dblSplit, b.ConvBnRelu(b.AveragePool(x, 3, 1, 1), 192, 1, 1));
    }
}
