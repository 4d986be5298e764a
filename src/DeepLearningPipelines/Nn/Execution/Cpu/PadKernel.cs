using DeepLearningPipelines.Nn.Kernels;

namespace DeepLearningPipelines.Nn.Execution.Cpu;

/// <summary>Constant-mode Pad node.</summary>
internal sealed class PadKernel(int[] pads, float value) : IKernel
{
    public void Execute(IReadOnlyList<Tensor?> inputs, IReadOnlyList<Tensor> outputs) =>
        ShapeOps.Pad(inputs[0]!.Span, inputs[0]!.Shape, pads, value, outputs[0].Span);
}
