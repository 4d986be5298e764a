namespace DeepLearningPipelines.Ml.Solvers;

/// <summary>Per-thread buffers for one block of up to BlockSize rows: the outputs and the back-propagated errors of every layer
/// (index l = 1 … L; the input layer is read from the data) and a gradient accumulator.</summary>
internal sealed class NetworkWorkspace
{
    public NetworkWorkspace(NetworkTopology topology, int blockSize, bool forTraining)
    {
        int layers = topology.Layers.Length;
        Activations = new PinnedBuffer[layers];
        Deltas = new PinnedBuffer[layers];
        for (int l = 1; l < layers; l++)
        {
            Activations[l] = new PinnedBuffer(blockSize * topology.Layers[l]);
            if (forTraining) Deltas[l] = new PinnedBuffer(blockSize * topology.Layers[l]);
        }
        Gradient = new PinnedBuffer(forTraining ? topology.WeightCount : 0);
    }

    public PinnedBuffer[] Activations { get; }
    public PinnedBuffer[] Deltas { get; }
    public PinnedBuffer Gradient { get; }
    public double Loss { get; set; }
}
