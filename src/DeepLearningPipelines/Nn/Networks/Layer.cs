using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Nn.Keras;

namespace DeepLearningPipelines.Nn.Networks;

/// <summary>
/// A layer of a network defined in C# with Keras' names and defaults. <see cref="Call"/> applies it to tensors
/// (Keras' functional form); <see cref="Sequential"/> chains layers. A layer is turned into the project's Keras layer
/// classes when its network is built, so a network defined here and one imported from Keras produce the same graph.
/// </summary>
public abstract class Layer(string? name)
{
    /// <summary>The given name, or null for Keras' automatic name (<see cref="Prefix"/> numbered in call order).</summary>
    public string? Name { get; } = name;

    /// <summary>Keras' automatic-name prefix, e.g. <c>conv2d</c>.</summary>
    public abstract string Prefix { get; }

    /// <summary>Applies the layer to <paramref name="inputs"/>; returns its output tensor.</summary>
    public SymbolicTensor Call(params SymbolicTensor[] inputs)
    {
        if (inputs.Length == 0) throw new ParamException($"{GetType().Name} must be called on at least one tensor.");
        return new SymbolicTensor(this, inputs);
    }

    /// <summary>The Keras layer this one builds, named <paramref name="name"/>.</summary>
    internal abstract KerasLayer ToKeras(string name);

    /// <summary>How weight <paramref name="weightName"/> (<c>kernel</c>, <c>bias</c>, <c>gamma</c>…) starts.</summary>
    internal virtual WeightInitializer InitializerOf(string weightName) => WeightInitializer.Default(weightName);

    /// <summary>Adds what training needs and inference ignores (a dropout rate, a batch-norm momentum) to the node of the built layer.</summary>
    internal virtual void Annotate(Node node)
    {
    }

    /// <summary>Requires <paramref name="value"/> ≥ 1, naming the argument.</summary>
    protected static int Positive(int value, string what) =>
        value >= 1 ? value : throw new ParamException($"{what} must be at least 1, got {value}.");

    /// <summary>Parses Keras' padding name (<c>valid</c> or <c>same</c>, any letter case).</summary>
    protected static KerasPadding ParsePadding(string padding) => padding.ToLowerInvariant() switch
    {
        "valid" => KerasPadding.Valid,
        "same" => KerasPadding.Same,
        _ => throw new ParamException($"padding '{padding}' is not supported; use 'valid' or 'same'."),
    };

    /// <summary>Checks an activation name against those the graph supports; returns it in lower case.</summary>
    protected static string CheckActivation(string activation)
    {
        string lower = activation.ToLowerInvariant();
        return SupportedActivations.Contains(lower) ? lower
            : throw new ParamException($"activation '{activation}' is not supported; use one of {string.Join(", ", SupportedActivations)}.");
    }

    private static readonly string[] SupportedActivations = ["linear", "relu", "relu6", "sigmoid", "tanh", "softmax", "swish", "hard_swish"];
}
