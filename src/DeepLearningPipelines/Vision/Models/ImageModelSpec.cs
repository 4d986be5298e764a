using DeepLearningPipelines.Vision.Imaging;

namespace DeepLearningPipelines.Vision.Models;

/// <summary>
/// How images must be fed to a network and where its features are: input size and layout, channel order,
/// preprocessing, the feature value and its layout, and the class-probability output (when the model has one).
/// </summary>
public sealed record ImageModelSpec(
    string Name,
    int InputHeight,
    int InputWidth,
    TensorLayout InputLayout,
    ChannelOrder ChannelOrder,
    Preprocessing Preprocessing,
    string FeatureValue,
    TensorLayout FeatureLayout,
    string? ProbabilitiesValue)
{
    /// <summary>The tensor format of one image in the model input.</summary>
    public TensorFormat Format => new(InputLayout, ChannelOrder, Preprocessing);

    /// <summary>A stable text that identifies the input pipeline and feature value, for caches.</summary>
    public string CacheKey => $"{Name}|{InputHeight}x{InputWidth}|{InputLayout}|{ChannelOrder}|{Preprocessing}|{FeatureValue}";
}
