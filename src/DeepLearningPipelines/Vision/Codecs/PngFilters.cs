namespace DeepLearningPipelines.Vision.Codecs;

/// <summary>Reverses PNG's five scanline filters (None, Sub, Up, Average, Paeth) in place.</summary>
internal static class PngFilters
{
    /// <summary>Unfilters <paramref name="row"/> given the already unfiltered <paramref name="prior"/> row (zeros for the first).</summary>
    /// <returns>False when <paramref name="filter"/> is not 0–4.</returns>
    public static bool TryUnfilter(int filter, Span<byte> row, ReadOnlySpan<byte> prior, int stride)
    {
        switch (filter)
        {
            case 0:
                return true;
            case 1:
                for (var i = stride; i < row.Length; i++)
                    row[i] += row[i - stride];
                return true;
            case 2:
                for (var i = 0; i < row.Length; i++)
                    row[i] += prior[i];
                return true;
            case 3:
                for (var i = 0; i < row.Length; i++)
                {
                    var left = i >= stride ? row[i - stride] : 0;
                    row[i] += (byte)((left + prior[i]) >> 1);
                }
                return true;
            case 4:
                for (var i = 0; i < row.Length; i++)
                {
                    int a = i >= stride ? row[i - stride] : 0, b = prior[i], c = i >= stride ? prior[i - stride] : 0;
                    row[i] += Paeth(a, b, c);
                }
                return true;
            default:
                return false;
        }
    }

    private static byte Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        if (pa <= pb && pa <= pc) return (byte)a;
        return pb <= pc ? (byte)b : (byte)c;
    }
}
