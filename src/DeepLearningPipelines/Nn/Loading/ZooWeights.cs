namespace DeepLearningPipelines.Nn.Loading;

/// <summary>Which weights <see cref="ModelLoader"/> gives a zoo model built from a Keras architecture.</summary>
public enum ZooWeights
{
    /// <summary>The registry's weights, downloaded when missing and downloads are allowed.</summary>
    Registry,

    /// <summary>The registry's weights when present, else the architecture with seeded random weights (exact structure, arbitrary values).</summary>
    SeededRandomWhenAbsent,

    /// <summary>Always the architecture with seeded random weights, so that every run sees the same values.</summary>
    SeededRandom,
}
