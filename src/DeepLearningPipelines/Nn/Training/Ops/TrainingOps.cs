using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Execution.Cpu;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Nn.Kernels;

namespace DeepLearningPipelines.Nn.Training.Ops;

/// <summary>Creates the <see cref="TrainingOp"/> of a node: forward on the CPU backend's kernels (weights read on every call), backward per operator.</summary>
internal static class TrainingOps
{
    private static readonly CpuBackend Backend = new();

    /// <param name="node">The node.</param>
    /// <param name="index">Its position in the topological order (seeds its Dropout mask).</param>
    /// <param name="inputs">Value ids of its inputs.</param>
    /// <param name="output">Value id of its output.</param>
    /// <param name="inShapes">Input shapes (empty for absent inputs).</param>
    /// <param name="outShape">Output shape.</param>
    /// <param name="training">Training mode: batch statistics and active Dropout.</param>
    public static TrainingOp Create(Node node, int index, int[] inputs, int output, int[][] inShapes, int[] outShape, bool training)
    {
        var forward = node.Op is OpKind.Dropout ? null : Backend.Compile(node, inShapes, [outShape], new Tensor?[inputs.Length]);
        var a = node.Attributes;
        return node.Op switch
        {
            OpKind.Conv => new ConvOp(inputs, output, forward, WindowGeometry.Conv(node, inShapes[0], inShapes[1]),
                a.GetFloat("activation_min", float.NegativeInfinity), a.GetFloat("activation_max", float.PositiveInfinity)),
            OpKind.Gemm => new GemmOp(inputs, output, forward, inShapes, outShape, a.GetFloat("alpha", 1f), a.GetFloat("beta", 1f), a.GetInt("transA", 0) != 0, a.GetInt("transB", 0) != 0),
            OpKind.MatMul => new GemmOp(inputs, output, forward, inShapes, outShape, 1f, 1f, false, false),
            OpKind.BatchNormalization => new BatchNormOp(inputs, output, forward, inShapes[0], a.GetFloat("epsilon", 1e-5f), a.GetFloat("momentum", 0.9f), training),
            OpKind.Relu => new ActivationOp(inputs, output, forward, ActivationKind.Relu),
            OpKind.Clip => new ActivationOp(inputs, output, forward, ActivationKind.Clip, a.GetFloat("min", float.NegativeInfinity), a.GetFloat("max", float.PositiveInfinity)),
            OpKind.Sigmoid => new ActivationOp(inputs, output, forward, ActivationKind.Sigmoid),
            OpKind.Tanh => new ActivationOp(inputs, output, forward, ActivationKind.Tanh),
            OpKind.HardSwish => new ActivationOp(inputs, output, forward, ActivationKind.HardSwish),
            OpKind.Silu => new ActivationOp(inputs, output, forward, ActivationKind.Silu),
            OpKind.Softmax => new SoftmaxOp(inputs, output, forward, inShapes[0], ShapeInference.Axis(a.GetInt("axis", -1), inShapes[0].Length), a.GetInt("coerce_2d", 0) != 0),
            OpKind.Add or OpKind.Sub or OpKind.Mul or OpKind.Div => new ArithmeticOp(inputs, output, forward, node.Op, inShapes, outShape),
            OpKind.MaxPool or OpKind.AveragePool => new PoolOp(inputs, output, forward, WindowGeometry.Pool(node, inShapes[0]), node.Op == OpKind.MaxPool,
                a.GetInt("count_include_pad", 0) != 0),
            OpKind.GlobalAveragePool => new GlobalAveragePoolOp(inputs, output, forward, inShapes[0]),
            OpKind.Concat => new ConcatOp(inputs, output, forward, inShapes, ShapeInference.Axis(a.GetInt("axis", 1), inShapes[0].Length)),
            OpKind.Flatten or OpKind.Reshape or OpKind.Squeeze or OpKind.Unsqueeze or OpKind.Identity => new CopyOp(inputs, output, forward),
            OpKind.Dropout => training ? new DropoutOp(inputs, output, index, a.GetFloat("ratio", 0.5f)) : new CopyOp(inputs, output, new CopyKernel()),
            OpKind.Transpose => new TransposeOp(inputs, output, forward, outShape, a.GetInts("perm") ?? Enumerable.Range(0, inShapes[0].Length).Reverse().ToArray()),
            OpKind.Slice => new PadLikeOp(inputs, output, forward, outShape, SlicePads(SliceRange.Of(node, inShapes[0]))),
            OpKind.Pad => new PadLikeOp(inputs, output, forward, outShape, (a.GetInts("pads") ?? []).Select(p => -p).ToArray()),
            _ => throw new ModelFormatException($"{node}: training does not support {node.Op}."),
        };
    }

    /// <summary>The pads that turn a slice's output back into its input's shape (zeros outside the box).</summary>
    private static int[] SlicePads(SliceRange r)
    {
        int rank = r.InputShape.Length;
        var pads = new int[2 * rank];
        for (int d = 0; d < rank; d++)
        {
            pads[d] = r.Begin[d];
            pads[d + rank] = r.InputShape[d] - r.Begin[d] - r.OutputShape[d];
        }
        return pads;
    }
}
