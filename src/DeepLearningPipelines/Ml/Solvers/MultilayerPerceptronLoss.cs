using DeepLearningPipelines.Frames.Execution;
using DeepLearningPipelines.Ml.Optim;

namespace DeepLearningPipelines.Ml.Solvers;

/// <summary>
/// Cross-entropy of a sigmoid/softmax network averaged over all rows (of every rank: each rank's loss and gradient sums
/// are added up over the ranks before they are divided by the total row count), as a function of Spark's flat weight vector.
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
    private readonly TrainingRanks _ranks;
    private readonly double _totalRows;
    private readonly double[] _rankSums;

    /// <summary>The loss of this process's rows, summed with the other <paramref name="ranks"/>' rows when given.</summary>
    public MultilayerPerceptronLoss(NetworkTopology topology, DenseRows data, int[] labels, int blockSize, TrainingRanks? ranks = null)
    {
        ranks ??= TrainingRanks.Single;
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
        _ranks = ranks;
        _totalRows = ranks.Sum(data.Rows);
        _rankSums = ranks.IsDistributed ? new double[topology.WeightCount + 1] : [];
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
        loss = _ranks.Sum(loss, gradient, _rankSums);
        double scale = 1.0 / _totalRows;
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
