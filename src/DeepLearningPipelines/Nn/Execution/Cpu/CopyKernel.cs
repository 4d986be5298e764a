namespace DeepLearningPipelines.Nn.Execution.Cpu;

/// <summary>Nodes that only change the shape (Flatten, Reshape, Squeeze, Unsqueeze) or pass data through: a copy.</summary>
internal sealed class CopyKernel : IKernel
{
    public void Execute(IReadOnlyList<Tensor?> inputs, IReadOnlyList<Tensor> outputs) => inputs[0]!.Span.CopyTo(outputs[0].Span);
}
