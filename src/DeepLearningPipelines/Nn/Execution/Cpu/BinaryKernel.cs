using DeepLearningPipelines.Nn.Kernels;

namespace DeepLearningPipelines.Nn.Execution.Cpu;

/// <summary>Broadcasting Add/Sub/Mul/Div node.</summary>
internal sealed class BinaryKernel(BinaryOp op) : IKernel
{
    public void Execute(IReadOnlyList<Tensor?> inputs, IReadOnlyList<Tensor> outputs)
    {
        Tensor a = inputs[0]!, b = inputs[1]!;
        Broadcast.Run(op, a.Span, a.Shape, b.Span, b.Shape, outputs[0].Span, outputs[0].Shape);
    }
}
