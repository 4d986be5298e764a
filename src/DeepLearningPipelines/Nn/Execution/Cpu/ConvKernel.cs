using DeepLearningPipelines.Nn.Kernels;

namespace DeepLearningPipelines.Nn.Execution.Cpu;

/// <summary>Conv node: inputs X, W, optional B; fused clamp activation.</summary>
internal sealed unsafe class ConvKernel(Conv2dGeometry geometry, float min, float max) : IKernel
{
    public void Execute(IReadOnlyList<Tensor?> inputs, IReadOnlyList<Tensor> outputs)
    {
        Tensor? bias = inputs.Count > 2 ? inputs[2] : null;
        fixed (float* x = inputs[0]!.Buffer, w = inputs[1]!.Buffer, b = bias?.Buffer, y = outputs[0].Buffer)
            Conv2d.Run(geometry, x, w, b, y, min, max);
    }
}
