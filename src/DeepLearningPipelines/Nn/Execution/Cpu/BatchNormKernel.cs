namespace DeepLearningPipelines.Nn.Execution.Cpu;

/// <summary>Inference BatchNormalization that was not folded into a Conv: <c>y = (x − mean)·scale/√(var+ε) + B</c> per channel.</summary>
internal sealed class BatchNormKernel(int[] shape, float epsilon) : IKernel
{
    public void Execute(IReadOnlyList<Tensor?> inputs, IReadOnlyList<Tensor> outputs)
    {
        ReadOnlySpan<float> x = inputs[0]!.Span, scale = inputs[1]!.Span, bias = inputs[2]!.Span, mean = inputs[3]!.Span, variance = inputs[4]!.Span;
        Span<float> y = outputs[0].Span;
        int channels = shape[1], inner = x.Length / (shape[0] * channels);
        for (int n = 0, i = 0; n < shape[0]; n++)
            for (int c = 0; c < channels; c++)
            {
                float factor = scale[c] / MathF.Sqrt(variance[c] + epsilon), shift = bias[c] - mean[c] * factor;
                for (int j = 0; j < inner; j++, i++) y[i] = x[i] * factor + shift;
            }
    }
}
