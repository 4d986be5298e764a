using DeepLearningPipelines.Nn.Zoo;

namespace DeepLearningPipelines.Nn.Loading;

/// <summary>How <see cref="ModelLoader"/> loads a model file or zoo model.</summary>
public sealed record ModelLoadOptions
{
    /// <summary>
    /// Zoo models only: with the ImageNet classifier top; null: with it when the model has one (a NuGet-shipped ONNX
    /// model such as ResNet18 is a featurizer without one).
    /// </summary>
    public bool? IncludeTop { get; init; }

    /// <summary>
    /// Layers (Keras formats and Keras zoo models) or values (NuGet-shipped zoo models) whose outputs the graph returns,
    /// e.g. a feature layer; null: the model's outputs. An ONNX file keeps its outputs (any of its values can be run by name).
    /// </summary>
    public IReadOnlyList<string>? OutputLayers { get; init; }

    /// <summary>Zoo models only: which weights a Keras architecture gets. NuGet-shipped models always use their packaged weights.</summary>
    public ZooWeights ZooWeights { get; init; } = ZooWeights.Registry;

    /// <summary>The seed of seeded random weights.</summary>
    public int Seed { get; init; }

    /// <summary>The registry that resolves zoo names; null: <see cref="ModelRegistry.FromEnvironment"/>.</summary>
    public ModelRegistry? Registry { get; init; }
}
