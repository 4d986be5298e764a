namespace DeepLearningPipelines.Nn.Training;

/// <summary>Gradient clipping by global norm (PyTorch's <c>clip_grad_norm_</c>).</summary>
internal static class GradientClipping
{
    /// <summary>Scales <paramref name="gradients"/> by <c>maxNorm / (norm + 1e-6)</c> when their L2 norm exceeds <paramref name="maxNorm"/>; returns the norm before clipping.</summary>
    public static double ClipGlobalNorm(Span<float> gradients, float maxNorm)
    {
        double sum = 0;
        foreach (float g in gradients) sum += (double)g * g;
        double norm = Math.Sqrt(sum);
        if (norm > maxNorm)
        {
            float scale = (float)(maxNorm / (norm + 1e-6));
            foreach (ref float g in gradients) g *= scale;
        }
        return norm;
    }
}
