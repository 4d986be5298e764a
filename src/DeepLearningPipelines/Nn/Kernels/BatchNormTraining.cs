using System.Runtime.CompilerServices;

namespace DeepLearningPipelines.Nn.Kernels;

/// <summary>
/// Batch normalisation in training mode over NC… data (statistics per channel over the batch and the spatial
/// positions), and its gradient. Parallel over channels; each channel's sums run in a fixed order.
/// </summary>
internal static class BatchNormTraining
{
    /// <summary>
    /// <c>y = (x − μ)/√(σ²+ε)·scale + bias</c> with the batch mean μ and biased variance σ²; stores μ and 1/√(σ²+ε) per
    /// channel in <paramref name="mean"/> and <paramref name="inverseStd"/>, and moves the running statistics toward the
    /// batch's: <c>running = momentum·running + (1 − momentum)·batch</c> (unbiased variance, as PyTorch).
    /// </summary>
    public static void Forward(ReadOnlyMemory<float> x, Memory<float> y, int batch, int channels, int inner, ReadOnlyMemory<float> scale, ReadOnlyMemory<float> bias,
        Memory<float> runningMean, Memory<float> runningVar, float epsilon, float momentum, Memory<float> mean, Memory<float> inverseStd)
    {
        Parallelism.For(channels, (first, last) =>
        {
            for (int c = first; c < last; c++)
            {
                var xs = x.Span;
                double sum = 0;
                for (int n = 0; n < batch; n++) sum += ElementwiseGrad.Sum(xs.Slice((n * channels + c) * inner, inner));
                long count = (long)batch * inner;
                double mu = sum / count, squares = 0;
                for (int n = 0; n < batch; n++) squares += SquaredDeviation(xs.Slice((n * channels + c) * inner, inner), (float)mu);
                double variance = squares / count;
                float invStd = (float)(1 / Math.Sqrt(variance + epsilon));
                mean.Span[c] = (float)mu;
                inverseStd.Span[c] = invStd;
                float factor = scale.Span[c] * invStd, shift = bias.Span[c] - (float)mu * factor;
                var ys = y.Span;
                for (int n = 0; n < batch; n++)
                {
                    int at = (n * channels + c) * inner;
                    for (int i = 0; i < inner; i++) ys[at + i] = xs[at + i] * factor + shift;
                }
                double unbiased = count > 1 ? squares / (count - 1) : variance;
                runningMean.Span[c] = (float)(momentum * runningMean.Span[c] + (1 - momentum) * mu);
                runningVar.Span[c] = (float)(momentum * runningVar.Span[c] + (1 - momentum) * unbiased);
            }
        });
    }

    /// <summary>
    /// Gradients: <c>dbias = Σ dy</c>, <c>dscale = Σ dy·x̂</c>, <c>dx = scale/√(σ²+ε)·(dy − dbias/M − x̂·dscale/M)</c>
    /// (M values per channel). <paramref name="dx"/>, <paramref name="dScale"/>, <paramref name="dBias"/> may be empty (not needed);
    /// each is written or added per its flag.
    /// </summary>
    public static void Backward(ReadOnlyMemory<float> x, ReadOnlyMemory<float> dy, int batch, int channels, int inner, ReadOnlyMemory<float> scale,
        ReadOnlyMemory<float> mean, ReadOnlyMemory<float> inverseStd, Memory<float> dx, bool accumulateX, Memory<float> dScale, bool accumulateScale,
        Memory<float> dBias, bool accumulateBias)
    {
        Parallelism.For(channels, (first, last) =>
        {
            for (int c = first; c < last; c++)
            {
                ReadOnlySpan<float> xs = x.Span, dys = dy.Span;
                float mu = mean.Span[c], invStd = inverseStd.Span[c];
                double sumDy = 0, sumDyXhat = 0;
                for (int n = 0; n < batch; n++)
                {
                    int at = (n * channels + c) * inner;
                    sumDy += ElementwiseGrad.Sum(dys.Slice(at, inner));
                    sumDyXhat += ElementwiseGrad.Dot(dys.Slice(at, inner), xs.Slice(at, inner));
                }
                sumDyXhat = (sumDyXhat - mu * sumDy) * invStd;
                if (!dBias.IsEmpty) Store(dBias.Span, c, (float)sumDy, accumulateBias);
                if (!dScale.IsEmpty) Store(dScale.Span, c, (float)sumDyXhat, accumulateScale);
                if (dx.IsEmpty) continue;
                long count = (long)batch * inner;
                float k = scale.Span[c] * invStd, meanDy = (float)(sumDy / count), meanDyXhat = (float)(sumDyXhat / count);
                var dxs = dx.Span;
                for (int n = 0; n < batch; n++)
                {
                    int at = (n * channels + c) * inner;
                    for (int i = 0; i < inner; i++)
                    {
                        float xhat = (xs[at + i] - mu) * invStd;
                        float g = k * (dys[at + i] - meanDy - xhat * meanDyXhat);
                        dxs[at + i] = accumulateX ? dxs[at + i] + g : g;
                    }
                }
            }
        });
    }

    private static void Store(Span<float> target, int c, float value, bool accumulate) => target[c] = accumulate ? target[c] + value : value;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double SquaredDeviation(ReadOnlySpan<float> values, float mean)
    {
        double sum = 0;
        foreach (float v in values)
        {
            double d = v - mean;
            sum += d * d;
        }
        return sum;
    }
}
