using DeepLearningPipelines.Nn.Keras;
using DeepLearningPipelines.Nn.Keras.Layers;

namespace DeepLearningPipelines.Nn.Zoo.Architectures;

/// <summary>
/// keras.applications Xception (299×299, features <c>block14_sepconv2_act</c> 10×10×2048). The four strided residual
/// projections are unnamed in Keras and get the automatic names <c>conv2d_1</c>…<c>conv2d_4</c> / <c>batch_normalization_1</c>….
/// </summary>
internal static class XceptionArchitecture
{
    public static KerasModel Create(bool includeTop)
    {
        var b = new KerasModelBuilder();
        var x = b.Input("input_1", 299, 299, 3);
        x = b.Call(new Conv2DLayer("block1_conv1", 32, KerasWindow.Square(3, 2), useBias: false), x);
        x = b.Call(new BatchNormalizationLayer("block1_conv1_bn"), x);
        x = b.Call(new ActivationLayer("block1_conv1_act", "relu"), x);
        x = b.Call(new Conv2DLayer("block1_conv2", 64, KerasWindow.Square(3), useBias: false), x);
        x = b.Call(new BatchNormalizationLayer("block1_conv2_bn"), x);
        x = b.Call(new ActivationLayer("block1_conv2_act", "relu"), x);

        x = DownBlock(b, x, 2, 128, 128, activateFirst: false);
        x = DownBlock(b, x, 3, 256, 256, activateFirst: true);
        x = DownBlock(b, x, 4, 728, 728, activateFirst: true);
        for (int i = 5; i <= 12; i++)
        {
            var residual = x;
            for (int j = 1; j <= 3; j++)
            {
                x = b.Call(new ActivationLayer($"block{i}_sepconv{j}_act", "relu"), x);
                x = SepConvBn(b, x, $"block{i}_sepconv{j}", 728);
            }
            x = b.Call(new MergeLayer(b.Auto("add"), isProduct: false), x, residual);
        }
        x = DownBlock(b, x, 13, 728, 1024, activateFirst: true);

        x = SepConvBn(b, x, "block14_sepconv1", 1536);
        x = b.Call(new ActivationLayer("block14_sepconv1_act", "relu"), x);
        x = SepConvBn(b, x, "block14_sepconv2", 2048);
        x = b.Call(new ActivationLayer("block14_sepconv2_act", "relu"), x);

        if (includeTop) x = ClassifierTop.AveragePoolDense(b, x);
        return b.Build("xception", x);
    }

    /// <summary>Two separable convolutions, a strided max pool, and a strided 1×1 projection of the input added back.</summary>
    private static KerasTensorRef DownBlock(KerasModelBuilder b, KerasTensorRef x, int block, int filters1, int filters2, bool activateFirst)
    {
        var residual = b.Call(new Conv2DLayer(b.Auto("conv2d"), filters2, KerasWindow.Square(1, 2, KerasPadding.Same), useBias: false), x);
        residual = b.Call(new BatchNormalizationLayer(b.Auto("batch_normalization")), residual);
        if (activateFirst) x = b.Call(new ActivationLayer($"block{block}_sepconv1_act", "relu"), x);
        x = SepConvBn(b, x, $"block{block}_sepconv1", filters1);
        x = b.Call(new ActivationLayer($"block{block}_sepconv2_act", "relu"), x);
        x = SepConvBn(b, x, $"block{block}_sepconv2", filters2);
        x = b.Call(new Pooling2DLayer($"block{block}_pool", isMax: true, KerasWindow.Square(3, 2, KerasPadding.Same)), x);
        return b.Call(new MergeLayer(b.Auto("add"), isProduct: false), x, residual);
    }

    private static KerasTensorRef SepConvBn(KerasModelBuilder b, KerasTensorRef x, string name, int filters)
    {
        x = b.Call(new SeparableConv2DLayer(name, filters, KerasWindow.Square(3, 1, KerasPadding.Same), useBias: false), x);
        return b.Call(new BatchNormalizationLayer($"{name}_bn"), x);
    }
}
