using DeepLearningPipelines.Nn.Keras;
using DeepLearningPipelines.Nn.Keras.Layers;

namespace DeepLearningPipelines.Nn.Zoo.Architectures;

/// <summary>The ImageNet classifier heads keras.applications puts on top of the feature layers.</summary>
internal static class ClassifierTop
{
    /// <summary>Number of ImageNet classes.</summary>
    public const int Classes = 1000;

    /// <summary><c>GlobalAveragePooling2D(name='avg_pool')</c> then <c>Dense(1000, softmax, name='predictions')</c>.</summary>
    public static KerasTensorRef AveragePoolDense(KerasModelBuilder b, KerasTensorRef x, string poolName = "avg_pool", string denseName = "predictions")
    {
        x = b.Call(new GlobalPooling2DLayer(poolName, isMax: false), x);
        return b.Call(new DenseLayer(denseName, Classes, activation: "softmax"), x);
    }
}
