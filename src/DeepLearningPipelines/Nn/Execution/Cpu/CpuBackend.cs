using System.Runtime.CompilerServices;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Nn.Kernels;

namespace DeepLearningPipelines.Nn.Execution.Cpu;

/// <summary>The managed CPU backend: Vector256/FMA kernels, multi-threaded over the available cores.</summary>
public sealed class CpuBackend : IBackend
{
    /// <inheritdoc />
    public string Name => "cpu";

    /// <summary>Process-wide upper bound on the threads one kernel call uses (default: the processor count).</summary>
    public static int MaxThreads
    {
        get => Parallelism.MaxThreads;
        set => Parallelism.MaxThreads = value;
    }

    /// <summary>
    /// Packed GEMM panels of constant convolution weights, shared by every plan (batch size) of this backend and
    /// released together with the weight tensor.
    /// </summary>
    private readonly ConditionalWeakTable<Tensor, PackedMatrix[]> _packedWeights = new();

    private ConvKernel CompileConv(Conv2dGeometry g, Tensor? constantWeights, float min, float max, bool hasResidual)
    {
        PackedMatrix[]? packed = null;
        if (constantWeights is not null && !g.IsDepthwise)
        {
            packed = _packedWeights.GetValue(constantWeights, w => Pack(g, w));
            if (!Conv2d.FitsPackedWeights(g, packed)) packed = Pack(g, constantWeights);
        }
        return new ConvKernel(g, packed, min, max, hasResidual);
    }

    private static unsafe PackedMatrix[] Pack(Conv2dGeometry g, Tensor weights)
    {
        fixed (float* w = weights.Buffer) return Conv2d.PackWeights(g, w)!;
    }

    /// <inheritdoc />
    public IKernel Compile(Node node, IReadOnlyList<int[]> inputShapes, IReadOnlyList<int[]> outputShapes, IReadOnlyList<Tensor?> constantInputs)
    {
        var a = node.Attributes;
        return node.Op switch
        {
            OpKind.Conv => CompileConv(WindowGeometry.Conv(node, inputShapes[0], inputShapes[1]), constantInputs[1],
                a.GetFloat("activation_min", float.NegativeInfinity), a.GetFloat("activation_max", float.PositiveInfinity), node.Input(3).Length > 0),
            OpKind.Gemm => new GemmKernel(inputShapes, outputShapes[0], a.GetFloat("alpha", 1f), a.GetFloat("beta", 1f),
                a.GetInt("transA", 0) != 0, a.GetInt("transB", 0) != 0, constantInputs[1]),
            OpKind.MatMul => new GemmKernel(inputShapes, outputShapes[0], 1f, 1f, false, false, constantInputs[1]),
            OpKind.BatchNormalization => new BatchNormKernel(inputShapes[0], a.GetFloat("epsilon", 1e-5f)),
            OpKind.Relu => new ActivationKernel(ActivationKind.Relu),
            OpKind.Clip => new ActivationKernel(ActivationKind.Clip, a.GetFloat("min", float.NegativeInfinity), a.GetFloat("max", float.PositiveInfinity)),
            OpKind.Sigmoid => new ActivationKernel(ActivationKind.Sigmoid),
            OpKind.Tanh => new ActivationKernel(ActivationKind.Tanh),
            OpKind.HardSwish => new ActivationKernel(ActivationKind.HardSwish),
            OpKind.Silu => new ActivationKernel(ActivationKind.Silu),
            OpKind.Softmax => SoftmaxKernel.Create(inputShapes[0], ShapeInference.Axis(a.GetInt("axis", -1), inputShapes[0].Length), a.GetInt("coerce_2d", 0) != 0),
            OpKind.Add => new BinaryKernel(BinaryOp.Add),
            OpKind.Sub => new BinaryKernel(BinaryOp.Sub),
            OpKind.Mul => new BinaryKernel(BinaryOp.Mul),
            OpKind.Div => new BinaryKernel(BinaryOp.Div),
            OpKind.MaxPool => new PoolKernel(WindowGeometry.Pool(node, inputShapes[0]), isMax: true, countIncludePad: false),
            OpKind.AveragePool => new PoolKernel(WindowGeometry.Pool(node, inputShapes[0]), isMax: false, a.GetInt("count_include_pad", 0) != 0),
            OpKind.GlobalAveragePool => new GlobalAveragePoolKernel(),
            OpKind.Concat => new ConcatKernel(ShapeInference.Axis(a.GetInt("axis", 1), inputShapes[0].Length)),
            OpKind.Flatten or OpKind.Reshape or OpKind.Squeeze or OpKind.Unsqueeze or OpKind.Dropout or OpKind.Identity => new CopyKernel(),
            OpKind.Transpose => new TransposeKernel(a.GetInts("perm") ?? Enumerable.Range(0, inputShapes[0].Length).Reverse().ToArray()),
            OpKind.Slice => new SliceKernel(SliceRange.Of(node, inputShapes[0])),
            OpKind.Pad => new PadKernel(a.GetInts("pads")!, a.GetFloat("value", 0f)),
            _ => throw new ModelFormatException($"{node}: not supported by the {Name} backend."),
        };
    }
}
