using ShapeOpsKernels = DeepLearningPipelines.Nn.Kernels.ShapeOps;
using System.Buffers;
using DeepLearningPipelines.Nn.Execution;
using DeepLearningPipelines.Nn.Kernels;

namespace DeepLearningPipelines.Nn.Training.Ops;

/// <summary>Flatten, Reshape, Squeeze, Unsqueeze, Identity (and Dropout outside training): the gradient passes through.</summary>
internal sealed class CopyOp(int[] inputs, int output, IKernel? forward) : TrainingOp(inputs, output, forward)
{
    public override void Backward(TrainingPass pass)
    {
        var dx = pass.GradForWrite(Inputs[0], out bool accumulate);
        ElementwiseGrad.Store(pass.Grad(Output), dx, accumulate);
    }
}

/// <summary>Concat: each input's gradient is its block of the output's gradient.</summary>
internal sealed class ConcatOp(int[] inputs, int output, IKernel? forward, int[][] inShapes, int axis) : TrainingOp(inputs, output, forward)
{
    public override void Backward(TrainingPass pass)
    {
        var dy = pass.Grad(Output);
        int outer = 1;
        for (int d = 0; d < axis; d++) outer *= inShapes[0][d];
        int outBlock = outer == 0 ? 0 : dy.Length / outer, offset = 0;
        for (int i = 0; i < Inputs.Length; i++)
        {
            int block = outer == 0 ? 0 : Tensor.ElementCount(inShapes[i]) / outer;
            if (Needs(pass, i))
            {
                var dx = pass.GradForWrite(Inputs[i], out bool accumulate);
                for (int o = 0; o < outer; o++) ElementwiseGrad.Store(dy.Slice(o * outBlock + offset, block), dx.Slice(o * block, block), accumulate);
            }
            offset += block;
        }
    }
}

/// <summary>Transpose: the gradient transposed back with the inverse permutation.</summary>
internal sealed class TransposeOp(int[] inputs, int output, IKernel? forward, int[] outShape, int[] perm) : TrainingOp(inputs, output, forward)
{
    private readonly int[] _inverse = Inverse(perm);

    public override void Backward(TrainingPass pass) =>
        WriteThrough(pass, Inputs[0], (dy, dx) => ShapeOpsKernels.Transpose(dy, outShape, _inverse, dx), pass.Grad(Output));

    private static int[] Inverse(int[] perm)
    {
        var inverse = new int[perm.Length];
        for (int d = 0; d < perm.Length; d++) inverse[perm[d]] = d;
        return inverse;
    }

    /// <summary>Runs <paramref name="kernel"/> (which overwrites) straight into the gradient, or through a buffer when adding to it.</summary>
    internal static void WriteThrough(TrainingPass pass, int input, SpanAction kernel, ReadOnlySpan<float> dy)
    {
        var dx = pass.GradForWrite(input, out bool accumulate);
        if (!accumulate)
        {
            kernel(dy, dx);
            return;
        }
        float[] scratch = ArrayPool<float>.Shared.Rent(dx.Length);
        try
        {
            kernel(dy, scratch.AsSpan(0, dx.Length));
            ElementwiseGrad.Add(scratch.AsSpan(0, dx.Length), dx);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
        }
    }

    internal delegate void SpanAction(ReadOnlySpan<float> dy, Span<float> dx);
}

/// <summary>Slice and Pad: the gradient is the output's gradient padded (zeros) or cropped back to the input's shape, by <paramref name="pads"/>.</summary>
internal sealed class PadLikeOp(int[] inputs, int output, IKernel? forward, int[] outShape, int[] pads) : TrainingOp(inputs, output, forward)
{
    public override void Backward(TrainingPass pass) =>
        TransposeOp.WriteThrough(pass, Inputs[0], (dy, dx) => ShapeOpsKernels.Pad(dy, outShape, pads, 0f, dx), pass.Grad(Output));
}
