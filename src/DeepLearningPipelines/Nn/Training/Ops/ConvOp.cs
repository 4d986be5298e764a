using System.Buffers;
using DeepLearningPipelines.Nn.Execution;
using DeepLearningPipelines.Nn.Kernels;

namespace DeepLearningPipelines.Nn.Training.Ops;

/// <summary>Conv: inputs X, W, optional B and residual Z; a fused clamp passes the gradient where the output lies strictly inside it.</summary>
internal sealed unsafe class ConvOp(int[] inputs, int output, IKernel? forward, Conv2dGeometry geometry, float min, float max) : TrainingOp(inputs, output, forward)
{
    public override void Backward(TrainingPass pass)
    {
        Span<float> dy = pass.Grad(Output);
        float[]? masked = null;
        try
        {
            if (min != float.NegativeInfinity || max != float.PositiveInfinity)
            {
                masked = ArrayPool<float>.Shared.Rent(dy.Length);
                var y = pass.Value(Output).Span;
                ActivationsBackward.Run(ActivationKind.Clip, y, y, dy, masked, accumulate: false, min, max);
                dy = masked.AsSpan(0, dy.Length);
            }
            if (Needs(pass, 3)) ElementwiseGrad.Store(dy, pass.GradForWrite(Inputs[3], out bool accZ), accZ);
            Span<float> dx = Needs(pass, 0) ? pass.GradForAdd(Inputs[0]) : default;
            bool accW = false, accB = false;
            Span<float> dw = Needs(pass, 1) ? pass.GradForWrite(Inputs[1], out accW) : default;
            Span<float> db = Needs(pass, 2) ? pass.GradForWrite(Inputs[2], out accB) : default;
            fixed (float* x = pass.Value(Inputs[0]).Buffer, w = pass.Value(Inputs[1]).Buffer, pdy = dy, pdx = dx, pdw = dw, pdb = db)
                Conv2dBackward.Run(geometry, x, w, pdy, pdx, pdw, accW, pdb, accB);
        }
        finally
        {
            if (masked is not null) ArrayPool<float>.Shared.Return(masked);
        }
    }
}
