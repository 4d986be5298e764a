using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Ml.Solvers;

/// <summary>
/// A fitted multilayer perceptron: sigmoid hidden layers and a softmax output. <see cref="Weights"/> uses Spark's layout:
/// for each layer l with numIn = Layers[l] and numOut = Layers[l+1], the numOut×numIn weight matrix stored column-major
/// (entry (o, i) at offset + i·numOut + o), followed by the numOut biases; layers follow one another.
/// </summary>
public sealed unsafe class MultilayerPerceptronModel
{
    private const int PredictionBlockSize = 128;
    private readonly NetworkTopology _topology;
    private readonly PinnedBuffer _weights;

    /// <summary>Wraps <paramref name="weights"/> (copied) for the network <paramref name="layers"/>.</summary>
    public MultilayerPerceptronModel(int[] layers, double[] weights)
    {
        _topology = new NetworkTopology(layers);
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Length != _topology.WeightCount)
            throw new ParamException($"Layers {_topology.Describe()} need {_topology.WeightCount} weights, got {weights.Length}.");
        _weights = new PinnedBuffer(weights.Length);
        weights.CopyTo(_weights.Array, 0);
    }

    /// <summary>Layer sizes from input to output.</summary>
    public IReadOnlyList<int> Layers => _topology.Layers;

    /// <summary>The flat weight vector (Spark's layout, see the class summary).</summary>
    public ReadOnlySpan<double> Weights => _weights.Array;

    /// <summary>Number of classes (size of the output layer).</summary>
    public int NumClasses => _topology.Outputs;

    /// <summary>Raw scores of one row: the last affine layer's output before the softmax.</summary>
    public double[] PredictRaw(ReadOnlySpan<double> features)
    {
        if (features.Length != _topology.Inputs)
            throw new DataFormatException($"The row has {features.Length} features, the network expects {_topology.Inputs}.");
        var workspace = new NetworkWorkspace(_topology, 1, forTraining: false);
        fixed (double* input = features)
            FeedForwardPass.Forward(_topology, _weights.Pointer, input, 1, workspace);
        return workspace.Activations[^1].Array.ToArray();
    }

    /// <summary>Class probabilities of one row (softmax of <see cref="PredictRaw(ReadOnlySpan{double})"/>).</summary>
    public double[] PredictProbability(ReadOnlySpan<double> features)
    {
        var scores = PredictRaw(features);
        double max = scores.Max(), sum = 0;
        for (int j = 0; j < scores.Length; j++) sum += scores[j] = Math.Exp(scores[j] - max);
        for (int j = 0; j < scores.Length; j++) scores[j] /= sum;
        return scores;
    }

    /// <summary>Most probable class of one row.</summary>
    public int Predict(ReadOnlySpan<double> features) => ArgMax(PredictRaw(features));

    /// <summary>Most probable class of every row, computed in blocks on all cores.</summary>
    public int[] Predict(double[][] rows)
    {
        var data = DenseRows.FromRows(rows);
        int n = _topology.Outputs;
        var raw = new double[(long)data.Rows * n];
        PredictRaw(data, raw);
        return Enumerable.Range(0, data.Rows).Select(r => ArgMax(raw.AsSpan(r * n, n))).ToArray();
    }

    /// <summary>Raw scores of <paramref name="rows"/> rows of a row-major matrix into <paramref name="raw"/> (rows × classes), in blocks on all cores.</summary>
    public void PredictRaw(double[] features, int rows, double[] raw) => PredictRaw(new DenseRows(features, rows, _topology.Inputs), raw);

    private void PredictRaw(DenseRows data, double[] raw)
    {
        if (data.Columns != _topology.Inputs)
            throw new DataFormatException($"The rows have {data.Columns} features, the network expects {_topology.Inputs}.");
        int n = _topology.Outputs;
        int blocks = (data.Rows + PredictionBlockSize - 1) / PredictionBlockSize;
        new ParallelSlices(blocks, minimumSliceSize: 1).Run((_, firstBlock, endBlock) =>
        {
            var workspace = new NetworkWorkspace(_topology, PredictionBlockSize, forTraining: false);
            for (int b = firstBlock; b < endBlock; b++)
            {
                int start = b * PredictionBlockSize, count = Math.Min(PredictionBlockSize, data.Rows - start);
                FeedForwardPass.Forward(_topology, _weights.Pointer, data.Pointer + (long)start * data.Columns, count, workspace);
                workspace.Activations[^1].Array.AsSpan(0, count * n).CopyTo(raw.AsSpan(start * n, count * n));
            }
        });
    }

    private static int ArgMax(ReadOnlySpan<double> scores)
    {
        int best = 0;
        for (int j = 1; j < scores.Length; j++)
            if (scores[j] > scores[best]) best = j;
        return best;
    }
}
