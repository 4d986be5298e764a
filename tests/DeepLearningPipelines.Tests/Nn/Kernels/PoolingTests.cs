using DeepLearningPipelines.Nn.Kernels;

namespace DeepLearningPipelines.Tests.Nn.Kernels;

public unsafe class PoolingTests
{
    // Reference: materialise the padded image (NaN marks padding) and scan every window that fits in it,
    // clipping windows that ceil mode extends past the padded image.
    private static float[] Naive(int[] p, float[] x, bool isMax, bool countIncludePad, int outH, int outW)
    {
        int n = p[0], c = p[1], h = p[2], w = p[3], kh = p[4], kw = p[5], sh = p[6], sw = p[7], pt = p[8], pl = p[9], pb = p[10], pr = p[11];
        int ph = h + pt + pb, pw = w + pl + pr;
        var y = new float[n * c * outH * outW];
        for (int plane = 0; plane < n * c; plane++)
        {
            var padded = new float[ph * pw];
            Array.Fill(padded, float.NaN);
            for (int i = 0; i < h; i++)
                for (int j = 0; j < w; j++) padded[(i + pt) * pw + j + pl] = x[plane * h * w + i * w + j];
            for (int oy = 0; oy < outH; oy++)
                for (int ox = 0; ox < outW; ox++)
                {
                    double acc = isMax ? double.NegativeInfinity : 0;
                    int inImage = 0, inPadded = 0;
                    for (int i = oy * sh; i < Math.Min(oy * sh + kh, ph); i++)
                        for (int j = ox * sw; j < Math.Min(ox * sw + kw, pw); j++)
                        {
                            inPadded++;
                            float v = padded[i * pw + j];
                            if (float.IsNaN(v)) continue;
                            inImage++;
                            acc = isMax ? Math.Max(acc, v) : acc + v;
                        }
                    y[(plane * outH + oy) * outW + ox] = (float)(isMax ? acc : acc / (countIncludePad ? inPadded : inImage));
                }
        }
        return y;
    }

    [Theory]
    [InlineData(112, 3, 2, 0, 0, true, 56)]
    [InlineData(112, 3, 2, 0, 0, false, 55)]
    [InlineData(5, 2, 2, 1, 1, true, 3)]
    [InlineData(6, 3, 2, 1, 1, false, 3)]
    [InlineData(7, 3, 3, 0, 1, true, 3)]
    public void OutputSizeFollowsOnnxRules(int input, int kernel, int stride, int padBegin, int padEnd, bool ceil, int expected)
    {
        var g = new Pool2dGeometry(1, 1, input, input, kernel, kernel, stride, stride, padBegin, padBegin, padEnd, padEnd, ceil);
        Assert.Equal(expected, g.OutH);
        Assert.Equal(expected, g.OutW);
    }

    public static IEnumerable<object[]> RandomGeometries()
    {
        var rng = new Random(77);
        for (int t = 0; t < 12; t++)
        {
            int kh = rng.Next(1, 5), kw = rng.Next(1, 5);
            yield return [rng.Next(1, 3), rng.Next(1, 4), rng.Next(kh, 17), rng.Next(kw, 17), kh, kw, rng.Next(1, 4), rng.Next(1, 4),
                rng.Next(0, kh), rng.Next(0, kw), rng.Next(0, kh), rng.Next(0, kw), rng.Next(2)];
        }
    }

    [Theory]
    [MemberData(nameof(RandomGeometries))]
    [InlineData(1, 3, 13, 13, 3, 3, 2, 2, 0, 0, 0, 0, 1)]
    [InlineData(2, 2, 9, 7, 3, 2, 2, 3, 1, 0, 2, 1, 1)]
    [InlineData(1, 4, 8, 8, 2, 2, 2, 2, 0, 0, 0, 0, 0)]
    [InlineData(1, 1, 5, 6, 3, 3, 1, 1, 1, 1, 1, 1, 0)]
    [InlineData(3, 2, 11, 10, 5, 4, 3, 2, 2, 1, 2, 3, 1)]
    // Rows wide enough for the vectorised horizontal pass (8 outputs at a time) at strides 1 and 2, with a ragged tail.
    [InlineData(2, 3, 9, 45, 3, 3, 2, 2, 1, 1, 1, 1, 0)]
    [InlineData(1, 2, 7, 38, 3, 3, 2, 2, 0, 0, 0, 0, 1)]
    [InlineData(1, 2, 6, 41, 3, 4, 1, 1, 1, 2, 1, 1, 0)]
    [InlineData(1, 1, 5, 70, 2, 2, 2, 2, 0, 0, 0, 0, 0)]
    public void MaxAndAverageMatchNaive(int n, int c, int h, int w, int kh, int kw, int sh, int sw, int pt, int pl, int pb, int pr, int ceil)
    {
        var p = new[] { n, c, h, w, kh, kw, sh, sw, pt, pl, pb, pr };
        var g = new Pool2dGeometry(n, c, h, w, kh, kw, sh, sw, pt, pl, pb, pr, ceil == 1);
        float[] x = TestData.Random(new Random(h * 31 + w), n * c * h * w);
        foreach (var (isMax, include) in new[] { (true, false), (false, false), (false, true) })
        {
            var expected = Naive(p, x, isMax, include, g.OutH, g.OutW);
            var y = new float[expected.Length];
            fixed (float* px = x, py = y)
            {
                if (isMax) Pooling.Max(g, px, py);
                else Pooling.Average(g, px, py, include);
            }
            TestData.AssertClose(expected, y, 1e-6f, context: $"max={isMax} includePad={include}");
        }
    }

    [Fact]
    public void GlobalAverageIsPlaneMean()
    {
        float[] x = TestData.Random(new Random(5), 2 * 3 * 7 * 5);
        var y = new float[6];
        fixed (float* px = x, py = y) Pooling.GlobalAverage(6, 35, px, py);
        for (int p = 0; p < 6; p++) Assert.Equal(x.Skip(p * 35).Take(35).Average(), y[p], 1e-6f);
    }
}
