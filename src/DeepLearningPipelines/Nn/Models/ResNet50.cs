using DeepLearningPipelines.Nn.Graph;

namespace DeepLearningPipelines.Nn.Models;

/// <summary>ResNet-50 (v1.5: stride on the 3×3 convolution of each bottleneck) with seeded random weights, for benchmarks.</summary>
public static class ResNet50
{
    /// <summary>Builds the graph: input <c>[N,3,S,S]</c>, output <c>probabilities</c> <c>[N,classes]</c>.</summary>
    public static ModelGraph Build(int classes = 1000, int seed = 0, int imageSize = 224)
    {
        var b = new GraphBuilder("resnet50", 3, imageSize, imageSize, seed);
        string x = b.ConvBnRelu(b.Input, 64, 7, 7, stride: 2);
        x = b.MaxPool(x, 3, 2, 1);
        (int Width, int Blocks, int Stride)[] stages = [(64, 3, 1), (128, 4, 2), (256, 6, 2), (512, 3, 2)];
        foreach (var (width, blocks, stride) in stages)
            for (int i = 0; i < blocks; i++)
                x = Bottleneck(b, x, width, i == 0 ? stride : 1);
        return b.ClassifierHead(x, classes);
    }

    private static string Bottleneck(GraphBuilder b, string x, int width, int stride)
    {
        int outChannels = width * 4;
        string shortcut = b.Channels(x) == outChannels && stride == 1 ? x : b.BatchNorm(b.Conv(x, outChannels, 1, 1, stride));
        string y = b.ConvBnRelu(x, width, 1, 1);
        y = b.ConvBnRelu(y, width, 3, 3, stride);
        y = b.BatchNorm(b.Conv(y, outChannels, 1, 1));
        return b.Relu(b.Add(y, shortcut));
    }
}
