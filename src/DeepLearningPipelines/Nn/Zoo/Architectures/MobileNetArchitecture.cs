using DeepLearningPipelines.Nn.Keras;
using DeepLearningPipelines.Nn.Keras.Layers;

namespace DeepLearningPipelines.Nn.Zoo.Architectures;

/// <summary>
/// keras.applications MobileNet v1 (224×224, width multiplier alpha, features <c>conv_pw_13_relu</c> 7×7×1024·alpha),
/// with its layer names. The top is GlobalAveragePooling2D (kept dims), Dropout, 1×1 <c>conv_preds</c>, Reshape, softmax.
/// </summary>
internal static class MobileNetArchitecture
{
    private static readonly (int Filters, int Stride)[] Blocks =
    [
        (64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2), (512, 1), (512, 1), (512, 1), (512, 1), (512, 1), (1024, 2), (1024, 1),
    ];

    public static KerasModel Create(bool includeTop, float alpha = 1f)
    {
        var b = new KerasModelBuilder();
        var x = b.Input("input_1", 224, 224, 3);
        x = b.Call(new ZeroPadding2DLayer("conv1_pad", 0, 1, 0, 1), x);
        x = b.Call(new Conv2DLayer("conv1", (int)(32 * alpha), KerasWindow.Square(3, 2), useBias: false), x);
        x = b.Call(new BatchNormalizationLayer("conv1_bn"), x);
        x = b.Call(new ReLULayer("conv1_relu", 6f), x);
        for (int id = 1; id <= Blocks.Length; id++)
        {
            var (filters, stride) = Blocks[id - 1];
            if (stride == 2) x = b.Call(new ZeroPadding2DLayer($"conv_pad_{id}", 0, 1, 0, 1), x);
            x = b.Call(new DepthwiseConv2DLayer($"conv_dw_{id}", KerasWindow.Square(3, stride, stride == 1 ? KerasPadding.Same : KerasPadding.Valid), useBias: false), x);
            x = b.Call(new BatchNormalizationLayer($"conv_dw_{id}_bn"), x);
            x = b.Call(new ReLULayer($"conv_dw_{id}_relu", 6f), x);
            x = b.Call(new Conv2DLayer($"conv_pw_{id}", (int)(filters * alpha), KerasWindow.Square(1, 1, KerasPadding.Same), useBias: false), x);
            x = b.Call(new BatchNormalizationLayer($"conv_pw_{id}_bn"), x);
            x = b.Call(new ReLULayer($"conv_pw_{id}_relu", 6f), x);
        }
        if (includeTop)
        {
            x = b.Call(new GlobalPooling2DLayer("global_average_pooling2d", isMax: false, keepDims: true), x);
            x = b.Call(new DropoutLayer("dropout"), x);
            x = b.Call(new Conv2DLayer("conv_preds", ClassifierTop.Classes, KerasWindow.Square(1, 1, KerasPadding.Same)), x);
            x = b.Call(new ReshapeLayer("reshape_2", [ClassifierTop.Classes]), x);
            x = b.Call(new ActivationLayer("predictions", "softmax"), x);
        }
        return b.Build($"mobilenet_{alpha:0.00}_224", x);
    }
}
