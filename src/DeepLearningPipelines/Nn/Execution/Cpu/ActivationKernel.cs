using DeepLearningPipelines.Nn.Kernels;

namespace DeepLearningPipelines.Nn.Execution.Cpu;

/// <summary>Element-wise activation node.</summary>
internal sealed class ActivationKernel(ActivationKind kind, float min = float.NegativeInfinity, float max = float.PositiveInfinity) : IKernel
{
    public void Execute(IReadOnlyList<Tensor?> inputs, IReadOnlyList<Tensor> outputs) =>
        Activations.Apply(kind, inputs[0]!.Span, outputs[0].Span, min, max);
}
