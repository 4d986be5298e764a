namespace DeepLearningPipelines.Nn.Zoo;

/// <summary>
/// A zoo model shipped as ONNX files in a NuGet package: a preprocessing graph that runs in front of the network,
/// and the network itself, at paths inside the package. In the models folder the two files lie in a sub-folder named
/// after the model, under their own file names.
/// </summary>
/// <param name="PackageId">NuGet package id, e.g. <c>Microsoft.ML.DnnImageFeaturizer.ResNet18</c>.</param>
/// <param name="Version">The exact package version.</param>
/// <param name="PreprocessPath">Path of the preprocessing ONNX file inside the package.</param>
/// <param name="NetworkPath">Path of the network ONNX file inside the package.</param>
/// <param name="ParameterCount">Weights of the network (elements of its float initializers).</param>
public sealed record NuGetModelPackage(string PackageId, string Version, string PreprocessPath, string NetworkPath, long ParameterCount)
{
    /// <summary>The two files as relative paths (package layout), preprocessing first.</summary>
    public IReadOnlyList<string> Files => [PreprocessPath, NetworkPath];
}
