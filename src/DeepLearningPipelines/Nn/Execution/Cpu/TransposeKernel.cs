using DeepLearningPipelines.Nn.Kernels;

namespace DeepLearningPipelines.Nn.Execution.Cpu;

/// <summary>Transpose node.</summary>
internal sealed class TransposeKernel(int[] perm) : IKernel
{
    public void Execute(IReadOnlyList<Tensor?> inputs, IReadOnlyList<Tensor> outputs) =>
        ShapeOps.Transpose(inputs[0]!.Span, inputs[0]!.Shape, perm, outputs[0].Span);
}
