using System.Buffers;
using System.Numerics;

namespace DeepLearningPipelines.Vision.Imaging;

/// <summary>
/// Two-pass resampling: each needed source row is resampled along x once (kept in a small ring of rows), then every
/// output row is combined from those rows along y and handed to a sink. Both passes follow the tap tables exactly,
/// x first, so the bilinear result equals TensorFlow's per-pixel formula bit for bit.
/// </summary>
internal static class SeparableResampler
{
    public static void Run<TSink>(ImageData source, AxisCoefficients xAxis, AxisCoefficients yAxis, ref TSink sink)
        where TSink : IResampledRowSink, allows ref struct
    {
        var horizontal = new HorizontalPass(xAxis, source.Channels, source.Width);
        var n = horizontal.OutputLength;
        var ringRows = yAxis.MaxWindow;
        var ring = ArrayPool<double>.Shared.Rent(ringRows * n);
        var output = ArrayPool<double>.Shared.Rent(n);
        try
        {
            var rowInSlot = new int[ringRows];
            Array.Fill(rowInSlot, -1);
            var taps = yAxis.Taps;
            for (var y = 0; y < yAxis.Count; y++)
            {
                for (var t = 0; t < taps; t++)
                {
                    var sourceRow = yAxis.Indices[y * taps + t];
                    var slot = sourceRow % ringRows;
                    if (rowInSlot[slot] == sourceRow) continue;
                    horizontal.Run(source.Row(sourceRow), ring.AsSpan(slot * n, n));
                    rowInSlot[slot] = sourceRow;
                }
                var result = output.AsSpan(0, n);
                if (yAxis.IsLerp)
                    Lerp(Slot(ring, yAxis.Indices[2 * y], ringRows, n), Slot(ring, yAxis.Indices[2 * y + 1], ringRows, n),
                        yAxis.Weights[2 * y + 1], result);
                else
                    WeightedSum(ring, yAxis, y, ringRows, result);
                sink.WriteRow(y, result);
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(ring);
            ArrayPool<double>.Shared.Return(output);
        }
    }

    private static ReadOnlySpan<double> Slot(double[] ring, int sourceRow, int ringRows, int n) =>
        ring.AsSpan(sourceRow % ringRows * n, n);

    /// <summary>result = a + (b − a)·f, element-wise.</summary>
    private static void Lerp(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double f, Span<double> result)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var fraction = new Vector<double>(f);
            for (; i + Vector<double>.Count <= result.Length; i += Vector<double>.Count)
            {
                var va = new Vector<double>(a[i..]);
                (va + (new Vector<double>(b[i..]) - va) * fraction).CopyTo(result[i..]);
            }
        }
        for (; i < result.Length; i++)
            result[i] = a[i] + (b[i] - a[i]) * f;
    }

    /// <summary>result = Σ weight_t · row_t over the taps of output row y, accumulated in tap order.</summary>
    private static void WeightedSum(double[] ring, AxisCoefficients yAxis, int y, int ringRows, Span<double> result)
    {
        result.Clear();
        for (var t = 0; t < yAxis.Taps; t++)
        {
            var weight = yAxis.Weights[y * yAxis.Taps + t];
            var row = Slot(ring, yAxis.Indices[y * yAxis.Taps + t], ringRows, result.Length);
            var i = 0;
            if (Vector.IsHardwareAccelerated)
            {
                var w = new Vector<double>(weight);
                for (; i + Vector<double>.Count <= result.Length; i += Vector<double>.Count)
                    (new Vector<double>(result[i..]) + w * new Vector<double>(row[i..])).CopyTo(result[i..]);
            }
            for (; i < result.Length; i++)
                result[i] += weight * row[i];
        }
    }
}
