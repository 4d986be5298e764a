using DeepLearningPipelines.Nn.Graph;

namespace DeepLearningPipelines.Nn.Keras.Layers;

/// <summary>Keras <c>Dropout</c> (and its spatial variants): the identity at inference.</summary>
public sealed class DropoutLayer(string name, string className = "Dropout") : KerasLayer(name)
{
    public override string ClassName { get; } = className;

    public override int[] OutputShape(IReadOnlyList<int[]> inputShapes)
    {
        ExpectInputs(inputShapes, 1);
        return inputShapes[0];
    }

    internal override KerasValue Emit(KerasGraphEmitter e, IReadOnlyList<KerasValue> inputs, KerasLayerWeights weights) =>
        inputs[0] with { Name = e.Add(OpKind.Dropout, Name, [inputs[0].Name]) };
}
