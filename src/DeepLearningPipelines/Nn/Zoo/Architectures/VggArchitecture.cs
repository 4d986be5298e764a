using DeepLearningPipelines.Nn.Keras;
using DeepLearningPipelines.Nn.Keras.Layers;

namespace DeepLearningPipelines.Nn.Zoo.Architectures;

/// <summary>keras.applications VGG16 / VGG19 (224×224, features <c>block5_pool</c> 7×7×512), with their layer names.</summary>
internal static class VggArchitecture
{
    /// <summary>Builds VGG with 16 or 19 weight layers.</summary>
    public static KerasModel Create(int depth, bool includeTop)
    {
        int[] convsPerBlock = depth switch
        {
            16 => [2, 2, 3, 3, 3],
            19 => [2, 2, 4, 4, 4],
            _ => throw new ArgumentOutOfRangeException(nameof(depth), depth, "VGG depth is 16 or 19."),
        };
        int[] filters = [64, 128, 256, 512, 512];
        var b = new KerasModelBuilder();
        var x = b.Input("input_1", 224, 224, 3);
        for (int block = 1; block <= 5; block++)
        {
            for (int i = 1; i <= convsPerBlock[block - 1]; i++)
                x = b.Call(new Conv2DLayer($"block{block}_conv{i}", filters[block - 1], KerasWindow.Square(3, 1, KerasPadding.Same), activation: "relu"), x);
            x = b.Call(new Pooling2DLayer($"block{block}_pool", isMax: true, KerasWindow.Square(2, 2)), x);
        }
        if (includeTop)
        {
            x = b.Call(new FlattenLayer("flatten"), x);
            x = b.Call(new DenseLayer("fc1", 4096, activation: "relu"), x);
            x = b.Call(new DenseLayer("fc2", 4096, activation: "relu"), x);
            x = b.Call(new DenseLayer("predictions", ClassifierTop.Classes, activation: "softmax"), x);
        }
        return b.Build($"vgg{depth}", x);
    }
}
