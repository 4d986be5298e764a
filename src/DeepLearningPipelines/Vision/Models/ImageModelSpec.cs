using DeepLearningPipelines.Nn.Zoo;
using DeepLearningPipelines.Vision.Imaging;

namespace DeepLearningPipelines.Vision.Models;

/// <summary>
/// How images must be fed to a network and where its features are: input size and layout, channel order,
/// preprocessing, the feature value and its layout, the class-probability output (when the model has one), and the
/// lower-case hex SHA-256 of the weights files, which identifies the model (<see cref="Name"/> is only for display).
/// </summary>
public sealed record ImageModelSpec(
    string Name,
    int InputHeight,
    int InputWidth,
    TensorLayout InputLayout,
    ChannelOrder ChannelOrder,
    ImagePreprocessing Preprocessing,
    string FeatureValue,
    TensorLayout FeatureLayout,
    string? ProbabilitiesValue,
    string WeightsSha256)
{
    /// <summary>The tensor format of one image in the model input.</summary>
    public TensorFormat Format => new(InputLayout, ChannelOrder, Preprocessing);

    /// <summary>A stable text that identifies the weights, input pipeline and feature value, for caches.</summary>
    public string CacheKey => $"{WeightsSha256}|{InputHeight}x{InputWidth}|{InputLayout}|{ChannelOrder}|{Preprocessing}|{FeatureValue}";
}
