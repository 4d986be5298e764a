namespace DeepLearningPipelines.Vision.Imaging;

/// <summary>
/// Precomputed resampling taps along one axis: for each output index, <see cref="Taps"/> source indices and weights.
/// In lerp form (bilinear, nearest) each output has two taps and the value is <c>a + (b − a)·f</c> with
/// <c>f = Weights[2i + 1]</c>, which is how TensorFlow evaluates it; otherwise it is the weighted sum of the taps.
/// Unused taps carry weight 0 and repeat a valid index, so every output's taps lie within a contiguous window.
/// </summary>
internal sealed class AxisCoefficients
{
    private AxisCoefficients(int count, int taps, bool isLerp)
    {
        Count = count;
        Taps = taps;
        IsLerp = isLerp;
        Indices = new int[count * taps];
        Weights = new double[count * taps];
    }

    /// <summary>Number of output indices.</summary>
    public int Count { get; }

    /// <summary>Taps per output index.</summary>
    public int Taps { get; }

    /// <summary>Whether outputs are evaluated as a linear interpolation between their two taps.</summary>
    public bool IsLerp { get; }

    /// <summary>Source index of tap t of output i at [i × Taps + t].</summary>
    public int[] Indices { get; }

    /// <summary>Weight of tap t of output i at [i × Taps + t] (in lerp form, slot 1 holds the fraction).</summary>
    public double[] Weights { get; }

    /// <summary>The largest span (last − first + 1) of source indices any output uses.</summary>
    public int MaxWindow
    {
        get
        {
            var window = 1;
            for (var i = 0; i < Count; i++)
            {
                var taps = Indices.AsSpan(i * Taps, Taps);
                window = Math.Max(window, taps[^1] - taps[0] + 1);
            }
            return window;
        }
    }

    /// <summary>
    /// Taps for outputs <paramref name="offset"/> … <paramref name="offset"/> + <paramref name="count"/> − 1 of a
    /// resampling from <paramref name="sourceLength"/> to <paramref name="scaledLength"/> samples.
    /// </summary>
    /// <remarks>For <see cref="Interpolation.Area"/>, <paramref name="areaAveraging"/> is true when both axes shrink
    /// (true area averaging) and false for OpenCV's area-aligned linear weights.</remarks>
    public static AxisCoefficients Create(
        Interpolation interpolation, bool areaAveraging, int sourceLength, int scaledLength, int offset, int count)
    {
        var scale = (double)sourceLength / scaledLength;
        var inverseScale = (double)scaledLength / sourceLength;
        return interpolation switch
        {
            Interpolation.Bilinear => Lerp(count, i => Bilinear(scale, offset + i, sourceLength)),
            Interpolation.Nearest => Lerp(count, i =>
            {
                var index = (int)Math.Min(sourceLength - 1, (2L * (offset + i) + 1) * sourceLength / (2L * scaledLength));
                return (index, index, 0.0);
            }),
            _ when areaAveraging => Weighted(count, i => AreaTaps(inverseScale, offset + i, sourceLength)),
            _ => Weighted(count, i => AreaLinearTaps(scaledLength, offset + i, sourceLength)),
        };
    }

    private static (int, int, double) Bilinear(double scale, int d, int n)
    {
        var source = scale * (d + 0.5) - 0.5;
        var i0 = Math.Max(0, (int)Math.Floor(source));
        var i1 = Math.Min(n - 1, (int)Math.Ceiling(source));
        return (i0, i1, source - i0);
    }

    /// <summary>OpenCV's computeResizeAreaTab: the source cells covered by [d·scale, (d+1)·scale), weighted by overlap
    /// (scale = 1 / inverseScale, inverseScale = output / source length, as OpenCV computes them).</summary>
    private static List<(int Index, double Weight)> AreaTaps(double inverseScale, int d, int n)
    {
        var scale = 1.0 / inverseScale;
        var taps = new List<(int, double)>();
        var start = d * scale;
        var end = start + scale;
        var cellWidth = Math.Min(scale, n - start);
        var first = (int)Math.Ceiling(start);
        var last = Math.Min((int)Math.Floor(end), n - 1);
        first = Math.Min(first, last);
        if (first - start > 1e-3) taps.Add((first - 1, (first - start) / cellWidth));
        for (var s = first; s < last; s++) taps.Add((s, 1.0 / cellWidth));
        if (end - last > 1e-3) taps.Add((last, Math.Min(Math.Min(end - last, 1.0), cellWidth) / cellWidth));
        return taps;
    }

    /// <summary>
    /// OpenCV INTER_AREA's linear weights when not shrinking on both axes: s = ⌊d·n/S⌋ and fraction
    /// ((d+1) − (s+1)·S/n) mod 1 (0 when not positive), clamped at the last sample. Evaluated in exact integer
    /// arithmetic, so whole-number ratios do not flip between neighbours through rounding as OpenCV's floats can.
    /// </summary>
    private static List<(int Index, double Weight)> AreaLinearTaps(int scaledLength, int d, int n)
    {
        var s = (int)((long)d * n / scaledLength);
        var excess = (long)(d + 1) * n - (long)(s + 1) * scaledLength;
        var f = excess <= 0 ? 0 : excess % n / (double)n;
        if (s >= n - 1)
        {
            s = n - 1;
            f = 0;
        }
        return [(s, 1 - f), (Math.Min(s + 1, n - 1), f)];
    }

    private static AxisCoefficients Lerp(int count, Func<int, (int I0, int I1, double F)> tap)
    {
        var result = new AxisCoefficients(count, 2, isLerp: true);
        for (var i = 0; i < count; i++)
        {
            var (i0, i1, f) = tap(i);
            result.Indices[2 * i] = i0;
            result.Indices[2 * i + 1] = i1;
            result.Weights[2 * i] = 1 - f;
            result.Weights[2 * i + 1] = f;
        }
        return result;
    }

    private static AxisCoefficients Weighted(int count, Func<int, List<(int Index, double Weight)>> taps)
    {
        var all = Enumerable.Range(0, count).Select(taps).ToArray();
        var width = all.Max(t => t.Count);
        var result = new AxisCoefficients(count, width, isLerp: false);
        for (var i = 0; i < count; i++)
        {
            var list = all[i];
            for (var t = 0; t < width; t++)
            {
                var (index, weight) = t < list.Count ? list[t] : (list[^1].Index, 0.0);
                result.Indices[i * width + t] = index;
                result.Weights[i * width + t] = weight;
            }
        }
        return result;
    }
}
