using DeepLearningPipelines.Nn.Graph;

namespace DeepLearningPipelines.Nn.Models;

/// <summary>MobileNetV2 (width 1.0) with seeded random weights, for benchmarks: inverted residuals with depthwise 3×3 convolutions and ReLU6.</summary>
public static class MobileNetV2
{
    /// <summary>Builds the graph: input <c>[N,3,S,S]</c>, output <c>probabilities</c> <c>[N,classes]</c>.</summary>
    public static ModelGraph Build(int classes = 1000, int seed = 0, int imageSize = 224)
    {
        var b = new GraphBuilder("mobilenet_v2", 3, imageSize, imageSize, seed);
        string x = b.Relu6(b.BatchNorm(b.Conv(b.Input, 32, 3, 3, stride: 2)));
        (int Expansion, int Channels, int Repeats, int Stride)[] blocks =
            [(1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1)];
        foreach (var (t, c, n, s) in blocks)
            for (int i = 0; i < n; i++)
                x = InvertedResidual(b, x, t, c, i == 0 ? s : 1);
        x = b.Relu6(b.BatchNorm(b.Conv(x, 1280, 1, 1)));
        return b.ClassifierHead(x, classes);
    }

    private static string InvertedResidual(GraphBuilder b, string x, int expansion, int outChannels, int stride)
    {
        int inChannels = b.Channels(x), hidden = inChannels * expansion;
        string y = expansion == 1 ? x : b.Relu6(b.BatchNorm(b.Conv(x, hidden, 1, 1)));
        y = b.Relu6(b.BatchNorm(b.Conv(y, hidden, 3, 3, stride, groups: hidden)));
        y = b.BatchNorm(b.Conv(y, outChannels, 1, 1));
        return stride == 1 && inChannels == outChannels ? b.Add(y, x) : y;
    }
}
