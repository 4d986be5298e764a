using DeepLearningPipelines.Nn.Networks;

namespace DeepLearningPipelines.Bench.Training;

/// <summary>
/// ResNet50 for 224×224×3 inputs and 1,000 classes (logits), in the layers torchvision's <c>resnet50</c> has, with the
/// stride of a down-sampling bottleneck on its 3×3 convolution as there (ResNet v1.5), so both frameworks do the same
/// arithmetic: 25.6 M parameters.
/// </summary>
internal static class ResNet50Network
{
    public static Network Create()
    {
        var input = new Input(224, 224, 3);
        var x = ConvBn(input, 64, 7, 2, relu: true);
        x = new MaxPooling2D(3, 2, "same").Call(x);
        int[] blocks = [3, 4, 6, 3];
        for (int stage = 0; stage < blocks.Length; stage++)
            for (int block = 0; block < blocks[stage]; block++)
                x = Bottleneck(x, 64 << stage, stride: stage > 0 && block == 0 ? 2 : 1, project: block == 0);
        x = new GlobalAveragePooling2D().Call(x);
        return new Network(input, new Dense(1000).Call(x), "resnet50");
    }

    private static SymbolicTensor Bottleneck(SymbolicTensor x, int width, int stride, bool project)
    {
        var y = ConvBn(x, width, 1, 1, relu: true);
        y = ConvBn(y, width, 3, stride, relu: true);
        y = ConvBn(y, width * 4, 1, 1, relu: false);
        var shortcut = project ? ConvBn(x, width * 4, 1, stride, relu: false) : x;
        return new Activation("relu").Call(new Add().Call(y, shortcut));
    }

    private static SymbolicTensor ConvBn(SymbolicTensor x, int filters, int kernel, int stride, bool relu)
    {
        var y = new BatchNormalization(momentum: 0.9f, epsilon: 1e-5f).Call(new Conv2D(filters, kernel, stride, "same", useBias: false, kernelInitializer: "he_normal").Call(x));
        return relu ? new Activation("relu").Call(y) : y;
    }
}
