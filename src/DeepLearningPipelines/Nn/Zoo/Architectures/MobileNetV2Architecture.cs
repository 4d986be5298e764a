using DeepLearningPipelines.Nn.Keras;
using DeepLearningPipelines.Nn.Keras.Layers;

namespace DeepLearningPipelines.Nn.Zoo.Architectures;

/// <summary>keras.applications MobileNetV2 (224×224, width multiplier alpha, features <c>out_relu</c> 7×7×1280), with its layer names.</summary>
internal static class MobileNetV2Architecture
{
    private static readonly (int Filters, int Stride, int Expansion)[] Blocks =
    [
        (16, 1, 1), (24, 2, 6), (24, 1, 6), (32, 2, 6), (32, 1, 6), (32, 1, 6), (64, 2, 6), (64, 1, 6), (64, 1, 6), (64, 1, 6),
        (96, 1, 6), (96, 1, 6), (96, 1, 6), (160, 2, 6), (160, 1, 6), (160, 1, 6), (320, 1, 6),
    ];

    public static KerasModel Create(bool includeTop, float alpha = 1f)
    {
        var b = new KerasModelBuilder();
        var x = b.Input("input_1", 224, 224, 3);
        int channels = MakeDivisible(32 * alpha);
        x = b.Call(new Conv2DLayer("Conv1", channels, KerasWindow.Square(3, 2, KerasPadding.Same), useBias: false), x);
        x = b.Call(new BatchNormalizationLayer("bn_Conv1"), x);
        x = b.Call(new ReLULayer("Conv1_relu", 6f), x);
        int size = 112;

        for (int id = 0; id < Blocks.Length; id++)
        {
            var (filters, stride, expansion) = Blocks[id];
            (x, channels, size) = InvertedResidual(b, x, channels, size, MakeDivisible((int)(filters * alpha)), stride, expansion, id);
        }

        int lastFilters = alpha > 1f ? MakeDivisible(1280 * alpha) : 1280;
        x = b.Call(new Conv2DLayer("Conv_1", lastFilters, KerasWindow.Square(1), useBias: false), x);
        x = b.Call(new BatchNormalizationLayer("Conv_1_bn"), x);
        x = b.Call(new ReLULayer("out_relu", 6f), x);
        if (includeTop) x = ClassifierTop.AveragePoolDense(b, x, poolName: "global_average_pooling2d", denseName: "Logits");
        return b.Build($"mobilenetv2_{alpha:0.00}_224", x);
    }

    private static (KerasTensorRef Output, int Channels, int Size) InvertedResidual(
        KerasModelBuilder b, KerasTensorRef input, int inChannels, int size, int outChannels, int stride, int expansion, int id)
    {
        var x = input;
        string prefix = id == 0 ? "expanded_conv_" : $"block_{id}_";
        if (id > 0)
        {
            x = b.Call(new Conv2DLayer($"{prefix}expand", expansion * inChannels, KerasWindow.Square(1, 1, KerasPadding.Same), useBias: false), x);
            x = b.Call(new BatchNormalizationLayer($"{prefix}expand_BN"), x);
            x = b.Call(new ReLULayer($"{prefix}expand_relu", 6f), x);
        }
        if (stride == 2)
        {
            // imagenet_utils.correct_pad for a 3×3 kernel: no row/column before an even-sized input.
            int before = size % 2;
            x = b.Call(new ZeroPadding2DLayer($"{prefix}pad", before, 1, before, 1), x);
        }
        x = b.Call(new DepthwiseConv2DLayer($"{prefix}depthwise", KerasWindow.Square(3, stride, stride == 1 ? KerasPadding.Same : KerasPadding.Valid), useBias: false), x);
        x = b.Call(new BatchNormalizationLayer($"{prefix}depthwise_BN"), x);
        x = b.Call(new ReLULayer($"{prefix}depthwise_relu", 6f), x);
        x = b.Call(new Conv2DLayer($"{prefix}project", outChannels, KerasWindow.Square(1, 1, KerasPadding.Same), useBias: false), x);
        x = b.Call(new BatchNormalizationLayer($"{prefix}project_BN"), x);
        if (inChannels == outChannels && stride == 1) x = b.Call(new MergeLayer($"{prefix}add", isProduct: false), input, x);
        return (x, outChannels, stride == 2 ? (size + 1) / 2 : size);
    }

    /// <summary>Keras' <c>_make_divisible(v, 8)</c>: nearest multiple of 8, at least 8, never more than 10% below v.</summary>
    internal static int MakeDivisible(float value, int divisor = 8)
    {
        int result = Math.Max(divisor, (int)(value + divisor / 2f) / divisor * divisor);
        if (result < 0.9f * value) result += divisor;
        return result;
    }
}
