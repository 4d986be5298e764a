using DeepLearningPipelines.Nn.Execution;
using DeepLearningPipelines.Nn.Kernels;

namespace DeepLearningPipelines.Nn.Training.Ops;

/// <summary>MaxPool and AveragePool.</summary>
internal sealed unsafe class PoolOp(int[] inputs, int output, IKernel? forward, Pool2dGeometry geometry, bool isMax, bool countIncludePad)
    : TrainingOp(inputs, output, forward)
{
    public override void Backward(TrainingPass pass)
    {
        var dx = pass.GradForAdd(Inputs[0]);
        fixed (float* x = pass.Value(Inputs[0]).Buffer, dy = pass.Grad(Output), pdx = dx)
        {
            if (isMax) PoolingBackward.Max(geometry, x, dy, pdx);
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
