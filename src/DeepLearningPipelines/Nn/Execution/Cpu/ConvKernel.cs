using DeepLearningPipelines.Nn.Kernels;

namespace DeepLearningPipelines.Nn.Execution.Cpu;

/// <summary>Conv node: inputs X, W, optional B and residual Z; fused clamp activation; constant weights arrive pre-packed.</summary>
internal sealed unsafe class ConvKernel : IKernel
{
    private readonly Conv2dGeometry _geometry;
    private readonly float _min, _max;
    private readonly PackedMatrix[]? _packedWeights;

    public ConvKernel(Conv2dGeometry geometry, PackedMatrix[]? packedWeights, float min, float max, bool hasResidual) =>
        (_geometry, _packedWeights, _min, _max, InPlaceInput) = (geometry, packedWeights, min, max, hasResidual ? 3 : -1);

    /// <summary>The residual (input 3), when there is one: <see cref="Conv2d.Run"/> accepts it as the output buffer.</summary>
    public int InPlaceInput { get; }

    public void Execute(IReadOnlyList<Tensor?> inputs, IReadOnlyList<Tensor> outputs)
    {
        Tensor? bias = inputs.Count > 2 ? inputs[2] : null, residual = inputs.Count > 3 ? inputs[3] : null;
        fixed (float* x = inputs[0]!.Buffer, w = inputs[1]!.Buffer, b = bias?.Buffer, y = outputs[0].Buffer, z = residual?.Buffer)
            Conv2d.Run(_geometry, x, w, b, y, _min, _max, _packedWeights, z);
    }
}
