using DeepLearningPipelines.Nn.Keras;
using DeepLearningPipelines.Nn.Keras.Layers;

namespace DeepLearningPipelines.Nn.Zoo.Architectures;

/// <summary>keras.applications ResNet50 (v1, 224×224, features <c>conv5_block3_out</c> 7×7×2048), with its layer names.</summary>
internal static class ResNet50Architecture
{
    private const float Epsilon = 1.001e-5f;

    public static KerasModel Create(bool includeTop)
    {
        var b = new KerasModelBuilder();
        var x = b.Input("input_1", 224, 224, 3);
        x = b.Call(new ZeroPadding2DLayer("conv1_pad", 3, 3, 3, 3), x);
        x = b.Call(new Conv2DLayer("conv1_conv", 64, KerasWindow.Square(7, 2)), x);
        x = b.Call(new BatchNormalizationLayer("conv1_bn", Epsilon), x);
        x = b.Call(new ActivationLayer("conv1_relu", "relu"), x);
        x = b.Call(new ZeroPadding2DLayer("pool1_pad", 1, 1, 1, 1), x);
        x = b.Call(new Pooling2DLayer("pool1_pool", isMax: true, KerasWindow.Square(3, 2)), x);

        x = Stack(b, x, 64, 3, 1, "conv2");
        x = Stack(b, x, 128, 4, 2, "conv3");
        x = Stack(b, x, 256, 6, 2, "conv4");
        x = Stack(b, x, 512, 3, 2, "conv5");

        if (includeTop) x = ClassifierTop.AveragePoolDense(b, x);
        return b.Build("resnet50", x);
    }

    private static KerasTensorRef Stack(KerasModelBuilder b, KerasTensorRef x, int filters, int blocks, int firstStride, string name)
    {
        x = Block(b, x, filters, firstStride, convShortcut: true, $"{name}_block1");
        for (int i = 2; i <= blocks; i++) x = Block(b, x, filters, 1, convShortcut: false, $"{name}_block{i}");
        return x;
    }

    private static KerasTensorRef Block(KerasModelBuilder b, KerasTensorRef x, int filters, int stride, bool convShortcut, string name)
    {
        var shortcut = x;
        if (convShortcut)
        {
            shortcut = b.Call(new Conv2DLayer($"{name}_0_conv", 4 * filters, KerasWindow.Square(1, stride)), x);
            shortcut = b.Call(new BatchNormalizationLayer($"{name}_0_bn", Epsilon), shortcut);
        }
        x = b.Call(new Conv2DLayer($"{name}_1_conv", filters, KerasWindow.Square(1, stride)), x);
        x = b.Call(new BatchNormalizationLayer($"{name}_1_bn", Epsilon), x);
        x = b.Call(new ActivationLayer($"{name}_1_relu", "relu"), x);
        x = b.Call(new Conv2DLayer($"{name}_2_conv", filters, KerasWindow.Square(3, 1, KerasPadding.Same)), x);
        x = b.Call(new BatchNormalizationLayer($"{name}_2_bn", Epsilon), x);
        x = b.Call(new ActivationLayer($"{name}_2_relu", "relu"), x);
        x = b.Call(new Conv2DLayer($"{name}_3_conv", 4 * filters, KerasWindow.Square(1)), x);
        x = b.Call(new BatchNormalizationLayer($"{name}_3_bn", Epsilon), x);
        x = b.Call(new MergeLayer($"{name}_add", isProduct: false), shortcut, x);
        return b.Call(new ActivationLayer($"{name}_out", "relu"), x);
    }
}
