using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Graph;

namespace DeepLearningPipelines.Nn.Keras.Layers;

/// <summary>Keras <c>Dense</c>: kernel [in, units] over the last axis, optional bias and activation.</summary>
public sealed class DenseLayer(string name, int units, bool useBias = true, string activation = "linear") : KerasLayer(name)
{
    public int Units { get; } = units;
    public bool UseBias { get; } = useBias;
    public string Activation { get; } = activation;

    public override string ClassName => "Dense";

    public override IReadOnlyList<KerasWeightSpec> WeightShapes(IReadOnlyList<int[]> inputShapes)
    {
        var kernel = new KerasWeightSpec("kernel", [inputShapes[0][^1], Units]);
        return UseBias ? [kernel, new KerasWeightSpec("bias", [Units])] : [kernel];
    }

    public override int[] OutputShape(IReadOnlyList<int[]> inputShapes)
    {
        ExpectInputs(inputShapes, 1);
        if (inputShapes[0].Length < 2) throw new ModelFormatException($"{Describe}: input {KerasShape.Format(inputShapes[0])} has no feature axis.");
        return [.. inputShapes[0][..^1], Units];
    }

    internal override KerasValue Emit(KerasGraphEmitter e, IReadOnlyList<KerasValue> inputs, KerasLayerWeights weights)
    {
        var x = inputs[0];
        int features = x.Shape[^1];
        string kernel = e.Constant($"{Name}/kernel", weights.Get("kernel"), features, Units);
        string? bias = UseBias ? e.Constant($"{Name}/bias", weights.Get("bias"), Units) : null;
        string output;
        if (x.Rank == 2)
        {
            output = e.Add(OpKind.Gemm, Name, bias is null ? [x.Name, kernel] : [x.Name, kernel, bias]);
        }
        else
        {
            output = e.Add(OpKind.MatMul, bias is null ? Name : $"{Name}/matmul", [e.ChannelsLast(x), kernel]);
            if (bias is not null) output = e.Add(OpKind.Add, Name, [output, bias]);
        }
        return e.Activate(new KerasValue(output, OutputShape([x.Shape]), ChannelsFirst: false), Activation, this);
    }
}
