using DeepLearningPipelines.Nn.Keras;
using DeepLearningPipelines.Nn.Keras.Layers;

namespace DeepLearningPipelines.Nn.Zoo.Architectures;

/// <summary>
/// keras.applications InceptionV3 (299×299, features <c>mixed10</c> 8×8×2048). Convolutions, batch norms and activations
/// are unnamed in Keras, so they get Keras 2's automatic names (<c>conv2d_1</c>…<c>conv2d_94</c>) in the same call order.
/// </summary>
internal static class InceptionV3Architecture
{
    public static KerasModel Create(bool includeTop)
    {
        var b = new KerasModelBuilder();
        var x = b.Input("input_1", 299, 299, 3);
        x = ConvBn(b, x, 32, 3, 3, 2, KerasPadding.Valid);
        x = ConvBn(b, x, 32, 3, 3, 1, KerasPadding.Valid);
        x = ConvBn(b, x, 64, 3, 3);
        x = MaxPool(b, x);
        x = ConvBn(b, x, 80, 1, 1, 1, KerasPadding.Valid);
        x = ConvBn(b, x, 192, 3, 3, 1, KerasPadding.Valid);
        x = MaxPool(b, x);

        foreach (var (pool, i) in new[] { (32, 0), (64, 1), (64, 2) })
        {
            var branch1x1 = ConvBn(b, x, 64, 1, 1);
            var branch5x5 = ConvBn(b, ConvBn(b, x, 48, 1, 1), 64, 5, 5);
            var branch3x3dbl = ConvBn(b, ConvBn(b, ConvBn(b, x, 64, 1, 1), 96, 3, 3), 96, 3, 3);
            var branchPool = ConvBn(b, AvgPool(b, x), pool, 1, 1);
            x = b.Call(new ConcatenateLayer($"mixed{i}"), branch1x1, branch5x5, branch3x3dbl, branchPool);
        }

        {
            var branch3x3 = ConvBn(b, x, 384, 3, 3, 2, KerasPadding.Valid);
            var branch3x3dbl = ConvBn(b, ConvBn(b, ConvBn(b, x, 64, 1, 1), 96, 3, 3), 96, 3, 3, 2, KerasPadding.Valid);
            var branchPool = MaxPool(b, x);
            x = b.Call(new ConcatenateLayer("mixed3"), branch3x3, branch3x3dbl, branchPool);
        }

        foreach (var (width, i) in new[] { (128, 4), (160, 5), (160, 6), (192, 7) })
        {
            var branch1x1 = ConvBn(b, x, 192, 1, 1);
            var branch7x7 = ConvBn(b, ConvBn(b, ConvBn(b, x, width, 1, 1), width, 1, 7), 192, 7, 1);
            var branch7x7dbl = ConvBn(b, x, width, 1, 1);
            branch7x7dbl = ConvBn(b, branch7x7dbl, width, 7, 1);
            branch7x7dbl = ConvBn(b, branch7x7dbl, width, 1, 7);
            branch7x7dbl = ConvBn(b, branch7x7dbl, width, 7, 1);
            branch7x7dbl = ConvBn(b, branch7x7dbl, 192, 1, 7);
            var branchPool = ConvBn(b, AvgPool(b, x), 192, 1, 1);
            x = b.Call(new ConcatenateLayer($"mixed{i}"), branch1x1, branch7x7, branch7x7dbl, branchPool);
        }

        {
            var branch3x3 = ConvBn(b, ConvBn(b, x, 192, 1, 1), 320, 3, 3, 2, KerasPadding.Valid);
            var branch7x7x3 = ConvBn(b, x, 192, 1, 1);
            branch7x7x3 = ConvBn(b, branch7x7x3, 192, 1, 7);
            branch7x7x3 = ConvBn(b, branch7x7x3, 192, 7, 1);
            branch7x7x3 = ConvBn(b, branch7x7x3, 192, 3, 3, 2, KerasPadding.Valid);
            var branchPool = MaxPool(b, x);
            x = b.Call(new ConcatenateLayer("mixed8"), branch3x3, branch7x7x3, branchPool);
        }

        for (int i = 0; i < 2; i++)
        {
            var branch1x1 = ConvBn(b, x, 320, 1, 1);
            var branch3x3 = ConvBn(b, x, 384, 1, 1);
            var branch3x3a = ConvBn(b, branch3x3, 384, 1, 3);
            var branch3x3b = ConvBn(b, branch3x3, 384, 3, 1);
            branch3x3 = b.Call(new ConcatenateLayer($"mixed9_{i}"), branch3x3a, branch3x3b);
            var branch3x3dbl = ConvBn(b, ConvBn(b, x, 448, 1, 1), 384, 3, 3);
            var branch3x3dblA = ConvBn(b, branch3x3dbl, 384, 1, 3);
            var branch3x3dblB = ConvBn(b, branch3x3dbl, 384, 3, 1);
            branch3x3dbl = b.Call(new ConcatenateLayer(b.Auto("concatenate")), branch3x3dblA, branch3x3dblB);
            var branchPool = ConvBn(b, AvgPool(b, x), 192, 1, 1);
            x = b.Call(new ConcatenateLayer($"mixed{9 + i}"), branch1x1, branch3x3, branch3x3dbl, branchPool);
        }

        if (includeTop) x = ClassifierTop.AveragePoolDense(b, x);
        return b.Build("inception_v3", x);
    }

    private static KerasTensorRef ConvBn(KerasModelBuilder b, KerasTensorRef x, int filters, int rows, int cols, int stride = 1, KerasPadding padding = KerasPadding.Same)
    {
        x = b.Call(new Conv2DLayer(b.Auto("conv2d"), filters, new KerasWindow(rows, cols, stride, stride, padding), useBias: false), x);
        x = b.Call(new BatchNormalizationLayer(b.Auto("batch_normalization"), 1e-3f, center: true, scale: false), x);
        return b.Call(new ActivationLayer(b.Auto("activation"), "relu"), x);
    }

    private static KerasTensorRef MaxPool(KerasModelBuilder b, KerasTensorRef x) =>
        b.Call(new Pooling2DLayer(b.Auto("max_pooling2d"), isMax: true, KerasWindow.Square(3, 2)), x);

    private static KerasTensorRef AvgPool(KerasModelBuilder b, KerasTensorRef x) =>
        b.Call(new Pooling2DLayer(b.Auto("average_pooling2d"), isMax: false, KerasWindow.Square(3, 1, KerasPadding.Same)), x);
}
