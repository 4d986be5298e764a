using DeepLearningPipelines.Nn.Kernels;

namespace DeepLearningPipelines.Nn.Training.Ops;

/// <summary>
/// Dropout in training: keeps each element with probability <c>1 − ratio</c> and scales kept ones by <c>1/(1 − ratio)</c>
/// (inverted dropout). The mask is a hash of the pass's seed, the node's position and the element's index, so it is
/// the same for any thread count and is recomputed in the backward pass rather than stored.
/// </summary>
internal sealed class DropoutOp(int[] inputs, int output, int nodeIndex, float ratio) : TrainingOp(inputs, output, null)
{
    public override void Forward(TrainingPass pass) => Apply(pass, pass.Value(Inputs[0]).Span, pass.Value(Output).Span, accumulate: false);

    public override void Backward(TrainingPass pass)
    {
        var dx = pass.GradForWrite(Inputs[0], out bool accumulate);
        Apply(pass, pass.Grad(Output), dx, accumulate);
    }

    private void Apply(TrainingPass pass, ReadOnlySpan<float> source, Span<float> target, bool accumulate)
    {
        if (ratio <= 0f)
        {
            ElementwiseGrad.Store(source, target, accumulate);
            return;
        }
        float scale = ratio >= 1f ? 0f : 1f / (1f - ratio);
        ulong threshold = (ulong)(ratio * (double)(1UL << 53));
        ulong key = pass.DropoutSeed * 0x9E3779B97F4A7C15UL ^ (ulong)nodeIndex * 0xC2B2AE3D27D4EB4FUL;
        for (int i = 0; i < source.Length; i++)
        {
            bool keep = Mix(key + (ulong)i) >> 11 >= threshold;
            float v = keep ? source[i] * scale : 0f;
            target[i] = accumulate ? target[i] + v : v;
        }
    }

    /// <summary>SplitMix64's finaliser.</summary>
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
