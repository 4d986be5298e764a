using DeepLearningPipelines.Ml.Optim;

namespace DeepLearningPipelines.Ml.Solvers;

/// <summary>
/// Cross-entropy of a sigmoid/softmax network averaged over all rows, as a function of Spark's flat weight vector.
/// Rows are processed in blocks of BlockSize through the dense kernels; blocks are split into slices that run in parallel,
/// each with its own workspace and gradient, summed in slice order so the result is reproducible.
/// </summary>
internal sealed unsafe class MultilayerPerceptronLoss : IDiffFunction
{
    private readonly NetworkTopology _topology;
    private readonly DenseRows _data;
    private readonly int[] _labels;
    private readonly int _blockSize;
    private readonly int _blocks;
    private readonly ParallelSlices _slices;
    private readonly NetworkWorkspace[] _workspaces;
    private readonly PinnedBuffer _weights;
    private readonly PinnedBuffer _transposed;

    public MultilayerPerceptronLoss(NetworkTopology topology, DenseRows data, int[] labels, int blockSize)
    {
        _topology = topology;
        _data = data;
        _labels = labels;
        _blockSize = blockSize;
        _blocks = (data.Rows + blockSize - 1) / blockSize;
        _slices = new ParallelSlices(_blocks, minimumSliceSize: 1);
        _workspaces = new NetworkWorkspace[_slices.Count];
        for (int s = 0; s < _slices.Count; s++) _workspaces[s] = new NetworkWorkspace(topology, blockSize, forTraining: true);
        _weights = new PinnedBuffer(topology.WeightCount);
        _transposed = new PinnedBuffer(topology.WeightCount);
    }

    public int Dimension => _topology.WeightCount;

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        x.CopyTo(_weights.Array);
        FeedForwardPass.Transpose(_topology, x, _transposed.Array);
        _slices.Run((s, firstBlock, endBlock) => AccumulateBlocks(_workspaces[s], firstBlock, endBlock));

        gradient.Clear();
        double loss = 0;
        foreach (var workspace in _workspaces)
        {
            loss += workspace.Loss;
            var g = workspace.Gradient.Array;
            for (int i = 0; i < g.Length; i++) gradient[i] += g[i];
        }
        double scale = 1.0 / _data.Rows;
        for (int i = 0; i < gradient.Length; i++) gradient[i] *= scale;
        return loss * scale;
    }

    private void AccumulateBlocks(NetworkWorkspace workspace, int firstBlock, int endBlock)
    {
        workspace.Gradient.Array.AsSpan().Clear();
        double loss = 0;
        for (int b = firstBlock; b < endBlock; b++)
        {
            int start = b * _blockSize;
            int rows = Math.Min(_blockSize, _data.Rows - start);
            double* input = _data.Pointer + (long)start * _data.Columns;
            FeedForwardPass.Forward(_topology, _weights.Pointer, input, rows, workspace);
            loss += FeedForwardPass.SoftmaxCrossEntropy(_topology, rows, _labels.AsSpan(start, rows), workspace);
            FeedForwardPass.Backward(_topology, _transposed.Pointer, input, rows, workspace, workspace.Gradient.Pointer);
        }
        workspace.Loss = loss;
    }
}
