namespace DeepLearningPipelines.Nn.Kernels;

/// <summary>Rows <see cref="First"/> … <see cref="End"/>−1 of an image's Winograd output tiles: the band one pass of <see cref="WinogradConv2d"/> transforms.</summary>
internal readonly record struct TileRows(int First, int End)
{
    /// <summary>Number of tile rows.</summary>
    public int Count => End - First;
}
