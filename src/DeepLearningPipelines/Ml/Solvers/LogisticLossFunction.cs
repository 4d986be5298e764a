using DeepLearningPipelines.Ml.Optim;

namespace DeepLearningPipelines.Ml.Solvers;

/// <summary>
/// Weighted mean log-loss of a binomial or multinomial logistic model plus ½·Σⱼ l2ⱼ·βⱼ² over the coefficients,
/// evaluated on already scaled features with row slices in parallel.
/// Variable layout: coefficient sets one after another (set k occupies [k·p, (k+1)·p)), then one intercept per set when fitted.
/// </summary>
internal sealed class LogisticLossFunction : IDiffFunction
{
    private const int RowsPerSlice = 1024;

    private readonly DenseRows _data;
    private readonly int[] _labels;
    private readonly double[] _weights;
    private readonly double _weightSum;
    private readonly int _sets;
    private readonly bool _multinomial;
    private readonly bool _fitIntercept;
    private readonly double[] _l2;
    private readonly ParallelSlices _slices;
    private readonly double[][] _sliceGradients;
    private readonly double[] _sliceLosses;

    public LogisticLossFunction(DenseRows data, int[] labels, double[] weights, int sets, bool multinomial, bool fitIntercept, double[] l2)
    {
        _data = data;
        _labels = labels;
        _weights = weights;
        _weightSum = weights.Sum();
        _sets = sets;
        _multinomial = multinomial;
        _fitIntercept = fitIntercept;
        _l2 = l2;
        Dimension = sets * data.Columns + (fitIntercept ? sets : 0);
        _slices = new ParallelSlices(data.Rows, RowsPerSlice);
        _sliceGradients = new double[_slices.Count][];
        for (int s = 0; s < _slices.Count; s++) _sliceGradients[s] = new double[Dimension];
        _sliceLosses = new double[_slices.Count];
    }

    public int Dimension { get; }

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        var coefficients = x.ToArray();
        _slices.Run((s, start, end) => _sliceLosses[s] = _multinomial
            ? AccumulateMultinomial(coefficients, start, end, _sliceGradients[s])
            : AccumulateBinomial(coefficients, start, end, _sliceGradients[s]));

        gradient.Clear();
        double loss = 0;
        for (int s = 0; s < _slices.Count; s++)
        {
            loss += _sliceLosses[s];
            var g = _sliceGradients[s];
            for (int i = 0; i < g.Length; i++) gradient[i] += g[i];
        }
        loss /= _weightSum;
        for (int i = 0; i < gradient.Length; i++) gradient[i] /= _weightSum;

        int p = _data.Columns;
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

    private double AccumulateBinomial(double[] x, int start, int end, double[] gradient)
    {
        Array.Clear(gradient);
        int p = _data.Columns;
        double[] z = _data.Values;
        double intercept = _fitIntercept ? x[p] : 0;
        double loss = 0;
        for (int r = start; r < end; r++)
        {
            double w = _weights[r];
            if (w == 0) continue;
            int row = r * p;
            double margin = intercept + Dot(x, 0, z, row, p);
            int y = _labels[r];
            loss += w * (Softplus(margin) - y * margin);
            double multiplier = w * (1.0 / (1.0 + Math.Exp(-margin)) - y);
            Axpy(multiplier, z, row, gradient, 0, p);
            if (_fitIntercept) gradient[p] += multiplier;
        }
        return loss;
    }

    private double AccumulateMultinomial(double[] x, int start, int end, double[] gradient)
    {
        Array.Clear(gradient);
        int p = _data.Columns, k = _sets;
        double[] z = _data.Values;
        int interceptOffset = k * p;
        var margins = new double[k];
        var exponentials = new double[k];
        double loss = 0;
        for (int r = start; r < end; r++)
        {
            double w = _weights[r];
            if (w == 0) continue;
            int row = r * p;
            double max = double.NegativeInfinity;
            for (int c = 0; c < k; c++)
            {
                margins[c] = (_fitIntercept ? x[interceptOffset + c] : 0) + Dot(x, c * p, z, row, p);
                max = Math.Max(max, margins[c]);
            }
            double sum = 0;
            for (int c = 0; c < k; c++)
            {
                exponentials[c] = Math.Exp(margins[c] - max);
                sum += exponentials[c];
            }
            int y = _labels[r];
            loss += w * (Math.Log(sum) + max - margins[y]);
            for (int c = 0; c < k; c++)
            {
                double multiplier = w * (exponentials[c] / sum - (c == y ? 1 : 0));
                Axpy(multiplier, z, row, gradient, c * p, p);
                if (_fitIntercept) gradient[interceptOffset + c] += multiplier;
            }
        }
        return loss;
    }

    private static double Dot(double[] a, int aOffset, double[] b, int bOffset, int length)
    {
        double sum = 0;
        for (int j = 0; j < length; j++) sum += a[aOffset + j] * b[bOffset + j];
        return sum;
    }

    /// <summary>y[yOffset..] ← y[yOffset..] + alpha·x[xOffset..] over <paramref name="length"/> entries.</summary>
    private static void Axpy(double alpha, double[] x, int xOffset, double[] y, int yOffset, int length)
    {
        for (int j = 0; j < length; j++) y[yOffset + j] += alpha * x[xOffset + j];
    }

    /// <summary>log(1 + eᵐ) without overflow.</summary>
    private static double Softplus(double m) => m > 0 ? m + Math.Log(1 + Math.Exp(-m)) : Math.Log(1 + Math.Exp(m));
}
