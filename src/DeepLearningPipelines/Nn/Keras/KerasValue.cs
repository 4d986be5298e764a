namespace DeepLearningPipelines.Nn.Keras;

/// <summary>
/// A Keras tensor as held in the runtime graph: the graph value's name, the Keras (channels-last) shape, and whether
/// the graph value stores a rank-4 tensor channels-first (NCHW, the runtime's image layout) instead.
/// </summary>
internal sealed record KerasValue(string Name, int[] Shape, bool ChannelsFirst)
{
    public int Rank => Shape.Length;
}
