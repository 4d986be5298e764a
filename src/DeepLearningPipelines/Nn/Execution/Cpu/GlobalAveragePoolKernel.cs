using DeepLearningPipelines.Nn.Kernels;

namespace DeepLearningPipelines.Nn.Execution.Cpu;

/// <summary>GlobalAveragePool node: mean of each N·C plane.</summary>
internal sealed unsafe class GlobalAveragePoolKernel : IKernel
{
    public void Execute(IReadOnlyList<Tensor?> inputs, IReadOnlyList<Tensor> outputs)
    {
        Tensor x = inputs[0]!;
        int planes = x.Shape[0] * x.Shape[1];
        fixed (float* px = x.Buffer, py = outputs[0].Buffer) Pooling.GlobalAverage(planes, planes == 0 ? 0 : x.Length / planes, px, py);
    }
}
