namespace DeepLearningPipelines.Ml.Solvers;

/// <summary>
/// Forward and backward passes of a sigmoid network with a softmax / cross-entropy output on a block of rows
/// (Spark's FeedForwardTopology.multiLayerPerceptron with softmaxOnTop = true), using the weight layout of <see cref="NetworkTopology"/>.
/// </summary>
internal static unsafe class FeedForwardPass
{
    /// <summary>Fills the workspace activations for <paramref name="rows"/> input rows; the last layer receives the raw (pre-softmax) scores.</summary>
    public static void Forward(NetworkTopology topology, double* weights, double* input, int rows, NetworkWorkspace workspace)
    {
        var layers = topology.Layers;
        for (int l = 0; l < topology.AffineLayers; l++)
        {
            int numIn = layers[l], numOut = layers[l + 1];
            double* source = l == 0 ? input : workspace.Activations[l].Pointer;
            double* target = workspace.Activations[l + 1].Pointer;
            var bias = new ReadOnlySpan<double>(weights + topology.BiasOffset(l), numOut);
            for (int r = 0; r < rows; r++) bias.CopyTo(new Span<double>(target + r * numOut, numOut));
            DenseKernels.MultiplyAdd(source, rows, numIn, weights + topology.WeightOffsets[l], numOut, target);
            if (l + 1 < topology.AffineLayers) DenseKernels.Sigmoid(target, rows * numOut);
        }
    }

    /// <summary>Turns the raw scores of the last layer into the output error softmax − onehot(label) and returns the summed cross-entropy.</summary>
    public static double SoftmaxCrossEntropy(NetworkTopology topology, int rows, ReadOnlySpan<int> labels, NetworkWorkspace workspace)
    {
        int n = topology.Outputs;
        double* scores = workspace.Activations[^1].Pointer;
        double* delta = workspace.Deltas[^1].Pointer;
        double loss = 0;
        for (int r = 0; r < rows; r++)
        {
            double* s = scores + r * n, d = delta + r * n;
            double max = double.NegativeInfinity;
            for (int j = 0; j < n; j++) max = Math.Max(max, s[j]);
            DenseKernels.ShiftedExp(s, max, d, n);
            double sum = 0;
            for (int j = 0; j < n; j++) sum += d[j];
            int label = labels[r];
            loss += Math.Log(sum) + max - s[label];
            double inverse = 1.0 / sum;
            for (int j = 0; j < n; j++) d[j] *= inverse;
            d[label] -= 1;
        }
        return loss;
    }

    /// <summary>Back-propagates the output error and adds the gradient of the summed loss to <paramref name="gradient"/>;
    /// <paramref name="transposed"/> comes from <see cref="Transpose"/>.</summary>
    public static void Backward(NetworkTopology topology, double* transposed, double* input, int rows,
        NetworkWorkspace workspace, double* gradient)
    {
        var layers = topology.Layers;
        for (int l = topology.AffineLayers - 1; l >= 0; l--)
        {
            int numIn = layers[l], numOut = layers[l + 1];
            double* delta = workspace.Deltas[l + 1].Pointer;
            double* source = l == 0 ? input : workspace.Activations[l].Pointer;
            DenseKernels.MultiplyTransposedAdd(source, rows, numIn, delta, numOut, gradient + topology.WeightOffsets[l]);
            double* biasGradient = gradient + topology.BiasOffset(l);
            for (int r = 0; r < rows; r++) DenseKernels.Axpy(1.0, delta + r * numOut, biasGradient, numOut);
            if (l == 0) continue;
            double* previous = workspace.Deltas[l].Pointer;
            new Span<double>(previous, rows * numIn).Clear();
            DenseKernels.MultiplyAdd(delta, rows, numOut, transposed + topology.WeightOffsets[l], numIn, previous);
            DenseKernels.MultiplySigmoidDerivative(previous, source, rows * numIn);
        }
    }

    /// <summary>Writes every weight matrix row-major numOut×numIn (the transpose of its storage) at the same offset as in
    /// <paramref name="weights"/>; the bias positions of <paramref name="transposed"/> are left untouched.</summary>
    public static void Transpose(NetworkTopology topology, ReadOnlySpan<double> weights, Span<double> transposed)
    {
        for (int l = 0; l < topology.AffineLayers; l++)
        {
            int numIn = topology.Layers[l], numOut = topology.Layers[l + 1], offset = topology.WeightOffsets[l];
            for (int i = 0; i < numIn; i++)
                for (int o = 0; o < numOut; o++) transposed[offset + o * numIn + i] = weights[offset + i * numOut + o];
        }
    }
}
