using DeepLearningPipelines.Nn.Execution;
using DeepLearningPipelines.Nn.Kernels;

namespace DeepLearningPipelines.Nn.Training.Ops;

/// <summary>
/// BatchNormalization (inputs X, scale, B, running mean, running variance). Training: batch statistics, running
/// statistics updated with attribute <c>momentum</c> (ONNX's convention, default 0.9). Otherwise (evaluation, or a
/// frozen layer) the inference kernel on the running statistics, whose gradient is a per-channel scale.
/// </summary>
internal sealed class BatchNormOp(int[] inputs, int output, IKernel? forward, int[] shape, float epsilon, float momentum, bool training)
    : TrainingOp(inputs, output, forward)
{
    private readonly int _batch = shape[0], _channels = shape[1], _inner = Tensor.ElementCount(shape) / Math.Max(1, shape[0] * shape[1]);
    private readonly float[] _mean = new float[shape[1]], _inverseStd = new float[shape[1]];

    public override void Forward(TrainingPass pass)
    {
        if (!training)
        {
            base.Forward(pass);
            return;
        }
        BatchNormTraining.Forward(Memory(pass, 0), pass.Value(Output).Buffer.AsMemory(0, pass.Value(Output).Length), _batch, _channels, _inner,
            Memory(pass, 1), Memory(pass, 2), Memory(pass, 3), Memory(pass, 4), epsilon, momentum, _mean, _inverseStd);
    }

    public override void Backward(TrainingPass pass)
    {
        if (!training)
        {
            // Statistics are constants here: record them as mean and 1/√(var+ε) and reuse the training formula's parts.
            var runningMean = pass.Value(Inputs[3]).Span;
            var runningVar = pass.Value(Inputs[4]).Span;
            for (int c = 0; c < _channels; c++)
            {
                _mean[c] = runningMean[c];
                _inverseStd[c] = 1f / MathF.Sqrt(runningVar[c] + epsilon);
            }
        }
        var dy = pass.Grad(Output);
        Memory<float> dScale = default, dBias = default;
        bool accScale = false, accBias = false;
        if (Needs(pass, 1)) dScale = GradMemory(pass, 1, out accScale);
        if (Needs(pass, 2)) dBias = GradMemory(pass, 2, out accBias);
        if (!training && Needs(pass, 0))
        {
            var dx = pass.GradForWrite(Inputs[0], out bool accX);
            var scale = pass.Value(Inputs[1]).Span;
            for (int n = 0, i = 0; n < _batch; n++)
                for (int c = 0; c < _channels; c++, i += _inner)
                    ElementwiseGrad.StoreScaled(dy.Slice(i, _inner), scale[c] * _inverseStd[c], dx.Slice(i, _inner), accX);
            if (dScale.IsEmpty && dBias.IsEmpty) return;
        }
        Memory<float> dxTraining = default;
        bool accumulateX = false;
        if (training && Needs(pass, 0)) dxTraining = GradMemory(pass, 0, out accumulateX);
        BatchNormTraining.Backward(Memory(pass, 0), GradOf(pass), _batch, _channels, _inner, Memory(pass, 1), _mean, _inverseStd,
            dxTraining, accumulateX, dScale, accScale, dBias, accBias);
    }

    private ReadOnlyMemory<float> GradOf(TrainingPass pass) => pass.GradMemory(Output);

    private Memory<float> Memory(TrainingPass pass, int input) => pass.Value(Inputs[input]).Buffer.AsMemory(0, pass.Value(Inputs[input]).Length);

    private Memory<float> GradMemory(TrainingPass pass, int input, out bool accumulate) => pass.GradMemoryForWrite(Inputs[input], out accumulate);
}
