using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Nn.Zoo;

/// <summary>No weights for a built-in model are in the models folder and they may not be downloaded; the message says what to put where.</summary>
public sealed class ModelWeightsNotFoundException(string message) : DlpException(message);
