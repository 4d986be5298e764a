using System.Buffers;
using DeepLearningPipelines.Nn.Execution;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Nn.Kernels;

namespace DeepLearningPipelines.Nn.Training.Ops;

/// <summary>
/// Broadcasting Add, Sub, Mul, Div: each operand's gradient is the output's gradient times the partial derivative
/// (<c>1</c>, <c>−1</c>, the other operand, <c>1/b</c> or <c>−y/b</c>), summed over the dimensions the operand was broadcast along.
/// </summary>
internal sealed class ArithmeticOp(int[] inputs, int output, IKernel? forward, OpKind op, int[][] inShapes, int[] outShape) : TrainingOp(inputs, output, forward)
{
    public override void Backward(TrainingPass pass)
    {
        var dy = pass.Grad(Output);
        float[]? scratch = op is OpKind.Mul or OpKind.Div || (op == OpKind.Sub && Needs(pass, 1)) ? ArrayPool<float>.Shared.Rent(dy.Length) : null;
        try
        {
            var temp = scratch is null ? default : scratch.AsSpan(0, dy.Length);
            for (int i = 0; i < 2; i++)
            {
                if (!Needs(pass, i)) continue;
                ReadOnlySpan<float> local = dy;
                switch (op)
                {
                    case OpKind.Sub when i == 1:
                        ElementwiseGrad.StoreScaled(dy, -1f, temp, accumulate: false);
                        local = temp;
                        break;
                    case OpKind.Mul:
                        Tensor other = pass.Value(Inputs[1 - i]);
                        Broadcast.Run(Kernels.BinaryOp.Mul, dy, outShape, other.Span, other.Shape, temp, outShape);
                        local = temp;
                        break;
                    case OpKind.Div:
                        Tensor b = pass.Value(Inputs[1]);
                        Broadcast.Run(Kernels.BinaryOp.Div, dy, outShape, b.Span, b.Shape, temp, outShape);
                        if (i == 1)
                        {
                            // d(a/b)/db = −(a/b)/b = −y/b.
                            var y = pass.Value(Output).Span;
                            for (int j = 0; j < temp.Length; j++) temp[j] = -temp[j] * y[j];
                        }
                        local = temp;
                        break;
                }
                var dx = pass.GradForWrite(Inputs[i], out bool accumulate);
                BroadcastBackward.Reduce(local, outShape, dx, inShapes[i], accumulate);
            }
        }
        finally
        {
            if (scratch is not null) ArrayPool<float>.Shared.Return(scratch);
        }
    }
}
