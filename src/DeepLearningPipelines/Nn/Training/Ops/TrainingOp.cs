using DeepLearningPipelines.Nn.Execution;

namespace DeepLearningPipelines.Nn.Training.Ops;

/// <summary>
/// One node of a <see cref="TrainingPlan"/>: its forward computation (by default an inference kernel of the CPU
/// backend, which reads the current weights on every call) and its backward computation, which reads the output's
/// gradient and writes or accumulates the gradients of the inputs that need one.
/// </summary>
internal abstract class TrainingOp(int[] inputs, int output, IKernel? forward)
{
    /// <summary>Value ids of the inputs (−1: absent optional input).</summary>
    public int[] Inputs { get; } = inputs;

    /// <summary>Value id of the (single) output.</summary>
    public int Output { get; } = output;

    /// <summary>Computes the output from the inputs.</summary>
    public virtual void Forward(TrainingPass pass)
    {
        var ins = new Tensor?[Inputs.Length];
        for (int i = 0; i < ins.Length; i++) ins[i] = Inputs[i] < 0 ? null : pass.Value(Inputs[i]);
        forward!.Execute(ins, [pass.Value(Output)]);
    }

    /// <summary>Propagates the output's gradient to the inputs for which <see cref="TrainingPass.NeedsGrad"/> holds.</summary>
    public abstract void Backward(TrainingPass pass);

    /// <summary>Whether input <paramref name="i"/> is present and needs a gradient.</summary>
    protected bool Needs(TrainingPass pass, int i) => i < Inputs.Length && Inputs[i] >= 0 && pass.NeedsGrad(Inputs[i]);
}
