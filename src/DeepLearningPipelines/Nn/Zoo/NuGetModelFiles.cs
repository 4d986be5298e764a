namespace DeepLearningPipelines.Nn.Zoo;

/// <summary>The located files of a <see cref="NuGetModelPackage"/> model.</summary>
/// <param name="Preprocess">The preprocessing ONNX graph.</param>
/// <param name="Network">The network ONNX graph.</param>
public sealed record NuGetModelFiles(string Preprocess, string Network);
