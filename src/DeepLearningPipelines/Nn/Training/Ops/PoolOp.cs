using DeepLearningPipelines.Nn.Execution;
using DeepLearningPipelines.Nn.Kernels;

namespace DeepLearningPipelines.Nn.Training.Ops;

/// <summary>MaxPool and AveragePool; 2×2 stride-2 max pooling writes its gradient in one pass (<see cref="MaxPool2x2Backward"/>).</summary>
internal sealed unsafe class PoolOp(int[] inputs, int output, IKernel? forward, Pool2dGeometry geometry, bool isMax, bool countIncludePad)
    : TrainingOp(inputs, output, forward)
{
    public override void Backward(TrainingPass pass)
    {
        var dx = pass.GradForWrite(Inputs[0], out bool accumulate);
        bool disjoint = isMax && MaxPool2x2Backward.Applies(geometry);
        // The general kernels scatter-add into the gradient.
        if (!accumulate && !disjoint) dx.Clear();
        fixed (float* x = pass.Value(Inputs[0]).Buffer, dy = pass.Grad(Output), pdx = dx)
        {
            if (disjoint) MaxPool2x2Backward.Run(geometry, x, dy, pdx, accumulate);
            else if (isMax) PoolingBackward.Max(geometry, x, dy, pdx);
            else PoolingBackward.Average(geometry, dy, pdx, countIncludePad);
        }
    }
}

/// <summary>GlobalAveragePool.</summary>
internal sealed class GlobalAveragePoolOp(int[] inputs, int output, IKernel? forward, int[] shape) : TrainingOp(inputs, output, forward)
{
    public override void Backward(TrainingPass pass)
    {
        int planes = shape[0] * shape[1];
        var dx = pass.GradForWrite(Inputs[0], out bool accumulate);
        PoolingBackward.GlobalAverage(planes, planes == 0 ? 0 : dx.Length / planes, pass.Grad(Output), dx, accumulate);
    }
}
