namespace DeepLearningPipelines.Nn.Execution.Cpu;

/// <summary>Softmax node, over one axis (opset ≥ 13) or over all trailing dimensions from the axis (opset &lt; 13, <c>coerce_2d</c>).</summary>
internal sealed class SoftmaxKernel(int outer, int axisLength, int inner) : IKernel
{
    public static SoftmaxKernel Create(int[] shape, int axis, bool coerce2d)
    {
        int outer = 1, length = 1, inner = 1;
        for (int d = 0; d < shape.Length; d++)
        {
            if (d < axis) outer *= shape[d];
            else if (d == axis || coerce2d) length *= shape[d];
            else inner *= shape[d];
        }
        return new SoftmaxKernel(outer, length, inner);
    }

    public void Execute(IReadOnlyList<Tensor?> inputs, IReadOnlyList<Tensor> outputs) =>
        Kernels.Softmax.Run(inputs[0]!.Span, outputs[0].Span, outer, axisLength, inner);
}
