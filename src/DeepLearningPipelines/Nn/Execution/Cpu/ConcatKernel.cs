using DeepLearningPipelines.Nn.Kernels;

namespace DeepLearningPipelines.Nn.Execution.Cpu;

/// <summary>Concat node.</summary>
internal sealed class ConcatKernel(int axis) : IKernel
{
    public void Execute(IReadOnlyList<Tensor?> inputs, IReadOnlyList<Tensor> outputs) =>
        ShapeOps.Concat(inputs, axis, outputs[0].Span);
}
