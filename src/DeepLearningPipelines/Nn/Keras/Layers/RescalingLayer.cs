using DeepLearningPipelines.Nn.Graph;

namespace DeepLearningPipelines.Nn.Keras.Layers;

/// <summary>Keras <c>Rescaling</c>: <c>x·scale + offset</c> with scalar scale and offset.</summary>
public sealed class RescalingLayer(string name, float scale, float offset = 0f) : KerasLayer(name)
{
    public float Scale { get; } = scale;
    public float Offset { get; } = offset;

    public override string ClassName => "Rescaling";

    public override int[] OutputShape(IReadOnlyList<int[]> inputShapes)
    {
        ExpectInputs(inputShapes, 1);
        return inputShapes[0];
    }

    internal override KerasValue Emit(KerasGraphEmitter e, IReadOnlyList<KerasValue> inputs, KerasLayerWeights weights)
    {
        var x = inputs[0];
        string scaled = e.Add(OpKind.Mul, Offset == 0f ? Name : $"{Name}/scale", [x.Name, e.Constant($"{Name}/scale_value", [Scale], 1)]);
        if (Offset != 0f) scaled = e.Add(OpKind.Add, Name, [scaled, e.Constant($"{Name}/offset_value", [Offset], 1)]);
        return x with { Name = scaled };
    }
}
