using DeepLearningPipelines.Frames.Execution;
using DeepLearningPipelines.Ml.Optim;

namespace DeepLearningPipelines.Ml.Solvers;

/// <summary>
/// Weighted mean log-loss of a binomial or multinomial logistic model plus ½·Σⱼ l2ⱼ·βⱼ² over the coefficients,
/// evaluated on already scaled features, over the rows of every rank (each rank's loss and gradient sums are added up
/// over the ranks before they are divided by the total weight). Row slices run in parallel, each with its own gradient; within a slice, blocks of
/// rows go through the dense kernels: margins = Z·Bᵀ + b, then gradient += multipliersᵀ·Z.
/// Variable layout: coefficient sets one after another (set k occupies [k·p, (k+1)·p)), then one intercept per set when fitted.
/// </summary>
internal sealed unsafe class LogisticLossFunction : IDiffFunction
{
    private const int RowsPerSlice = 1024;
    private const int BlockRows = 128;

    private readonly DenseRows _data;
    private readonly int[] _labels;
    private readonly double[] _weights;
    private readonly double _weightSum;
    private readonly int _sets;
    private readonly bool _multinomial;
    private readonly bool _fitIntercept;
    private readonly double[] _l2;
    private readonly ParallelSlices _slices;
    private readonly PinnedBuffer[] _sliceGradients;
    private readonly PinnedBuffer[] _sliceMargins;
    private readonly double[] _sliceLosses;
    private readonly PinnedBuffer _transposedCoefficients;
    private readonly TrainingRanks _ranks;
    private readonly double[] _rankSums;

    /// <summary>The loss of this rank's rows; <paramref name="weightSum"/> is the sum of the instance weights over all ranks.</summary>
    public LogisticLossFunction(DenseRows data, int[] labels, double[] weights, double weightSum, int sets, bool multinomial, bool fitIntercept, double[] l2, TrainingRanks ranks)
    {
        _data = data;
        _labels = labels;
        _weights = weights;
        _weightSum = weightSum;
        _ranks = ranks;
        _sets = sets;
        _multinomial = multinomial;
        _fitIntercept = fitIntercept;
        _l2 = l2;
        Dimension = sets * data.Columns + (fitIntercept ? sets : 0);
        _slices = new ParallelSlices(data.Rows, RowsPerSlice);
        _sliceGradients = new PinnedBuffer[_slices.Count];
        _sliceMargins = new PinnedBuffer[_slices.Count];
        for (int s = 0; s < _slices.Count; s++)
        {
            _sliceGradients[s] = new PinnedBuffer(Dimension);
            _sliceMargins[s] = new PinnedBuffer(BlockRows * sets);
        }
        _sliceLosses = new double[_slices.Count];
        _transposedCoefficients = new PinnedBuffer(sets * data.Columns);
        _rankSums = ranks.IsDistributed ? new double[Dimension + 1] : [];
    }

    public int Dimension { get; }

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        int p = _data.Columns;
        var intercepts = _fitIntercept ? x.Slice(_sets * p, _sets).ToArray() : new double[_sets];
        for (int k = 0; k < _sets; k++)
            for (int j = 0; j < p; j++) _transposedCoefficients.Array[j * _sets + k] = x[k * p + j];
        _slices.Run((s, start, end) => _sliceLosses[s] = Accumulate(intercepts, start, end, _sliceMargins[s], _sliceGradients[s]));

        gradient.Clear();
        double loss = 0;
        for (int s = 0; s < _slices.Count; s++)
        {
            loss += _sliceLosses[s];
            var g = _sliceGradients[s].Array;
            for (int i = 0; i < g.Length; i++) gradient[i] += g[i];
        }
        loss = _ranks.Sum(loss, gradient, _rankSums);
        loss /= _weightSum;
        for (int i = 0; i < gradient.Length; i++) gradient[i] /= _weightSum;

        double penalty = 0;
        for (int k = 0; k < _sets; k++)
            for (int j = 0; j < p; j++)
            {
                double beta = x[k * p + j];
                penalty += _l2[j] * beta * beta;
                gradient[k * p + j] += _l2[j] * beta;
            }
        return loss + 0.5 * penalty;
    }

    /// <summary>Adds the weighted loss of rows [start, end) to the return value and its gradient to <paramref name="gradient"/> (cleared first).</summary>
    private double Accumulate(double[] intercepts, int start, int end, PinnedBuffer margins, PinnedBuffer gradient)
    {
        int p = _data.Columns, k = _sets;
        gradient.Array.AsSpan().Clear();
        double* interceptGradient = gradient.Pointer + k * p;
        double loss = 0;
        for (int first = start; first < end; first += BlockRows)
        {
            int rows = Math.Min(BlockRows, end - first);
            double* z = _data.Pointer + first * p;
            for (int r = 0; r < rows; r++) intercepts.CopyTo(margins.Array, r * k);
            DenseKernels.MultiplyAdd(z, rows, p, _transposedCoefficients.Pointer, k, margins.Pointer);
            loss += _multinomial ? SoftmaxMultipliers(first, rows, margins.Array) : LogisticMultipliers(first, rows, margins.Array);
            DenseKernels.MultiplyTransposedAdd(margins.Pointer, rows, k, z, p, gradient.Pointer);
            if (_fitIntercept)
                for (int r = 0; r < rows; r++) DenseKernels.Axpy(1.0, margins.Pointer + r * k, interceptGradient, k);
        }
        return loss;
    }

    /// <summary>Replaces each margin m by w·(σ(m) − y) and returns Σ w·(log(1 + eᵐ) − y·m).</summary>
    private double LogisticMultipliers(int first, int rows, double[] margins)
    {
        double loss = 0;
        for (int r = 0; r < rows; r++)
        {
            double w = _weights[first + r], m = margins[r];
            int y = _labels[first + r];
            loss += w == 0 ? 0 : w * (Softplus(m) - y * m);
            margins[r] = w * (1.0 / (1.0 + Math.Exp(-m)) - y);
        }
        return loss;
    }

    /// <summary>Replaces each row of margins by w·(softmax − onehot(y)) and returns Σ w·(logΣexp(m) − m_y).</summary>
    private double SoftmaxMultipliers(int first, int rows, double[] margins)
    {
        int k = _sets;
        double loss = 0;
        for (int r = 0; r < rows; r++)
        {
            var m = margins.AsSpan(r * k, k);
            double w = _weights[first + r];
            int y = _labels[first + r];
            double max = double.NegativeInfinity;
            for (int c = 0; c < k; c++) max = Math.Max(max, m[c]);
            double sum = 0;
            double labelMargin = m[y];
            for (int c = 0; c < k; c++)
            {
                m[c] = Math.Exp(m[c] - max);
                sum += m[c];
            }
            loss += w == 0 ? 0 : w * (Math.Log(sum) + max - labelMargin);
            for (int c = 0; c < k; c++) m[c] *= w / sum;
            m[y] -= w;
        }
        return loss;
    }

    /// <summary>log(1 + eᵐ) without overflow.</summary>
    private static double Softplus(double m) => m > 0 ? m + Math.Log(1 + Math.Exp(-m)) : Math.Log(1 + Math.Exp(m));
}
