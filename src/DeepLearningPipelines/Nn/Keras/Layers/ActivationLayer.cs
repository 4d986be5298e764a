using DeepLearningPipelines.Nn.Graph;

namespace DeepLearningPipelines.Nn.Keras.Layers;

/// <summary>Keras <c>Activation</c>: relu, relu6, sigmoid, tanh, softmax (last axis), swish, hard_swish or linear.</summary>
public sealed class ActivationLayer(string name, string activation) : KerasLayer(name)
{
    public string Activation { get; } = activation;

    public override string ClassName => "Activation";

    public override int[] OutputShape(IReadOnlyList<int[]> inputShapes)
    {
        ExpectInputs(inputShapes, 1);
        return inputShapes[0];
    }

    internal override KerasValue Emit(KerasGraphEmitter e, IReadOnlyList<KerasValue> inputs, KerasLayerWeights weights)
    {
        var result = e.Activate(inputs[0], Activation, this);
        return result.Name == inputs[0].Name ? result with { Name = e.Add(OpKind.Identity, Name, [result.Name]) } : result;
    }
}
