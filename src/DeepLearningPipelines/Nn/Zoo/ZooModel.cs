using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Nn.Keras;

namespace DeepLearningPipelines.Nn.Zoo;

/// <summary>
/// A built-in ImageNet model: either an architecture with keras.applications layer names, so official Keras weights
/// load by name, or ONNX files shipped in a NuGet package (<see cref="Package"/>). Declares what a featurizer needs:
/// input size, preprocessing, the feature layer and its sizes, and where the weights come from.
/// </summary>
public sealed class ZooModel
{
    private readonly Func<bool, KerasModel>? _architecture;

    internal ZooModel(string name, int inputSize, ImagePreprocessing preprocessing, string featureLayer, int featureHeight, int featureWidth, int featureChannels,
        string outputLayer, Func<bool, KerasModel> architecture, KerasWeightsFile? weightsWithTop, KerasWeightsFile? weightsWithoutTop)
    {
        Name = name;
        InputSize = inputSize;
        Preprocessing = preprocessing;
        FeatureLayer = featureLayer;
        FeatureShape = [featureHeight, featureWidth, featureChannels];
        OutputLayer = outputLayer;
        _architecture = architecture;
        WeightsWithTop = weightsWithTop;
        WeightsWithoutTop = weightsWithoutTop;
    }

    /// <summary>A featurizer-only model from a NuGet package whose graph does its own preprocessing of raw pixels.</summary>
    internal ZooModel(string name, int inputSize, string featureValue, int featureChannels, NuGetModelPackage package)
    {
        Name = name;
        InputSize = inputSize;
        Preprocessing = ImagePreprocessing.None;
        FeatureLayer = featureValue;
        FeatureShape = [1, 1, featureChannels];
        OutputLayer = "";
        Package = package;
    }

    /// <summary>Model name as users write it, e.g. <c>InceptionV3</c>.</summary>
    public string Name { get; }

    /// <summary>Input height and width (square, channels-last RGB).</summary>
    public int InputSize { get; }

    /// <summary>How inputs must be scaled.</summary>
    public ImagePreprocessing Preprocessing { get; }

    /// <summary>The last layer of the model without its top: the image features, e.g. <c>mixed10</c>.</summary>
    public string FeatureLayer { get; }

    /// <summary>Shape of <see cref="FeatureLayer"/>'s output: height, width, channels.</summary>
    public int[] FeatureShape { get; }

    /// <summary>Size of the globally average-pooled features (the channel count).</summary>
    public int PooledFeatureSize => FeatureShape[2];

    /// <summary>Size of the flattened features (height · width · channels).</summary>
    public int FlattenedFeatureSize => FeatureShape[0] * FeatureShape[1] * FeatureShape[2];

    /// <summary>The classifier output layer of the model with its top (1000 ImageNet class probabilities); empty when it has none.</summary>
    public string OutputLayer { get; }

    /// <summary>Official Keras weights with the classifier top, or null when none is published.</summary>
    public KerasWeightsFile? WeightsWithTop { get; }

    /// <summary>Official Keras weights without the top.</summary>
    public KerasWeightsFile? WeightsWithoutTop { get; }

    /// <summary>The NuGet package holding the model's ONNX files, or null for a Keras architecture.</summary>
    public NuGetModelPackage? Package { get; }

    /// <summary>The Keras architecture, with or without the classifier top; a <see cref="ParamException"/> for a NuGet-shipped model.</summary>
    public KerasModel Architecture(bool includeTop) => _architecture is not null
        ? _architecture(includeTop)
        : throw new ParamException($"{Name} is an ONNX model from the NuGet package {Package!.PackageId}; it has no Keras architecture.");

    /// <summary>
    /// Parameter count as Keras reports it (trainable and non-trainable), computed from layer shapes; for a NuGet-shipped
    /// model, the weights of its network (it has no separate top).
    /// </summary>
    public long ParameterCount(bool includeTop) => Package?.ParameterCount ?? KerasGraphBuilder.Summarize(Architecture(includeTop)).Parameters;

    /// <summary>
    /// The runtime graph with weights from <paramref name="weights"/> (by layer name). Outputs: the layers named in
    /// <paramref name="outputLayers"/>, by default the classifier (with top) or the feature layer (without).
    /// </summary>
    public ModelGraph Build(bool includeTop, IKerasWeightSource weights, IReadOnlyList<string>? outputLayers = null) =>
        KerasGraphBuilder.Build(Architecture(includeTop), weights, outputLayers);

    /// <inheritdoc />
    public override string ToString() => Name;
}
