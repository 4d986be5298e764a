using DeepLearningPipelines.Nn.Execution;
using DeepLearningPipelines.Nn.Kernels;

namespace DeepLearningPipelines.Nn.Training.Ops;

/// <summary>Softmax over one axis (or, with <c>coerce_2d</c>, over all dimensions from it).</summary>
internal sealed class SoftmaxOp : TrainingOp
{
    private readonly int _outer = 1, _length = 1, _inner = 1;

    public SoftmaxOp(int[] inputs, int output, IKernel? forward, int[] shape, int axis, bool coerce2d) : base(inputs, output, forward)
    {
        for (int d = 0; d < shape.Length; d++)
        {
            if (d < axis) _outer *= shape[d];
            else if (d == axis || coerce2d) _length *= shape[d];
            else _inner *= shape[d];
        }
    }

    public override void Backward(TrainingPass pass)
    {
        var dx = pass.GradForWrite(Inputs[0], out bool accumulate);
        ActivationsBackward.Softmax(pass.Value(Output).Span, pass.Grad(Output), dx, _outer, _length, _inner, accumulate);
    }
}
