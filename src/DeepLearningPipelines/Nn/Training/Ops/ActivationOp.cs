using DeepLearningPipelines.Nn.Execution;
using DeepLearningPipelines.Nn.Kernels;

namespace DeepLearningPipelines.Nn.Training.Ops;

/// <summary>Relu, Clip, Sigmoid, Tanh, HardSwish, Silu.</summary>
internal sealed class ActivationOp(int[] inputs, int output, IKernel? forward, ActivationKind kind, float min = float.NegativeInfinity, float max = float.PositiveInfinity)
    : TrainingOp(inputs, output, forward)
{
    public override void Backward(TrainingPass pass)
    {
        var dx = pass.GradForWrite(Inputs[0], out bool accumulate);
        ActivationsBackward.Run(kind, pass.Value(Inputs[0]).Span, pass.Value(Output).Span, pass.Grad(Output), dx, accumulate, min, max);
    }
}
