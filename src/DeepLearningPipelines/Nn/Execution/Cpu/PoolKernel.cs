using DeepLearningPipelines.Nn.Kernels;

namespace DeepLearningPipelines.Nn.Execution.Cpu;

/// <summary>MaxPool / AveragePool node.</summary>
internal sealed unsafe class PoolKernel(Pool2dGeometry geometry, bool isMax, bool countIncludePad) : IKernel
{
    public void Execute(IReadOnlyList<Tensor?> inputs, IReadOnlyList<Tensor> outputs)
    {
        fixed (float* x = inputs[0]!.Buffer, y = outputs[0].Buffer)
        {
            if (isMax) Pooling.Max(geometry, x, y);
            else Pooling.Average(geometry, x, y, countIncludePad);
        }
    }
}
