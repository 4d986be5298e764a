using DeepLearningPipelines.Nn.Zoo;
using DeepLearningPipelines.Vision.Imaging;

namespace DeepLearningPipelines.Vision.Models;

/// <summary>
/// How to feed a user's model file (ONNX, TF.js <c>model.json</c> or Keras <c>.h5</c>): input size (default: from the
/// model's input shape), preprocessing, channel order, and the layer or value whose output is the feature.
/// </summary>
public sealed record ImageModelFileOptions
{
    /// <summary>Square input size; null to read it from the model's input shape.</summary>
    public int? Size { get; init; }

    public ImagePreprocessing Preprocessing { get; init; } = ImagePreprocessing.None;

    /// <summary>Feed BGR instead of RGB (e.g. Caffe-converted models such as SqueezeNet).</summary>
    public bool Bgr { get; init; }

    /// <summary>The feature layer (Keras) or value (ONNX); null for the model's first output.</summary>
    public string? FeatureLayer { get; init; }
}
