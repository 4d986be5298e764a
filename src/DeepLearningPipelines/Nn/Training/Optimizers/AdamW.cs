namespace DeepLearningPipelines.Nn.Training.Optimizers;

/// <summary>Adam with decoupled weight decay (PyTorch's AdamW): <c>w −= lr·wd·w</c> before the Adam step; default decay 0.01.</summary>
public sealed class AdamW(float learningRate = 0.001f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f, float weightDecay = 0.01f)
    : Adam(learningRate, beta1, beta2, epsilon, weightDecay)
{
    private protected override bool Decoupled => true;
}
