using DeepLearningPipelines.Nn.Kernels;

namespace DeepLearningPipelines.Tests.Nn.Kernels;

public unsafe class Conv2dTests
{
    internal static float[] Naive(in Conv2dGeometry g, float[] x, float[] w, float[]? bias, float min, float max, float[]? residual = null)
    {
        int oh = g.OutH, ow = g.OutW, gi = g.GroupInChannels, go = g.GroupOutChannels;
        var y = new float[g.Batch * g.OutChannels * oh * ow];
        for (int n = 0; n < g.Batch; n++)
            for (int oc = 0; oc < g.OutChannels; oc++)
                for (int oy = 0; oy < oh; oy++)
                    for (int ox = 0; ox < ow; ox++)
                    {
                        double s = (bias?[oc] ?? 0) + (residual?[((n * g.OutChannels + oc) * oh + oy) * ow + ox] ?? 0);
                        int grp = oc / go;
                        for (int c = 0; c < gi; c++)
                            for (int ky = 0; ky < g.KernelH; ky++)
                                for (int kx = 0; kx < g.KernelW; kx++)
                                {
                                    int iy = oy * g.StrideH - g.PadTop + ky * g.DilationH, ix = ox * g.StrideW - g.PadLeft + kx * g.DilationW;
                                    if (iy < 0 || iy >= g.InH || ix < 0 || ix >= g.InW) continue;
                                    s += (double)x[((n * g.InChannels + grp * gi + c) * g.InH + iy) * g.InW + ix]
                                        * w[((oc * gi + c) * g.KernelH + ky) * g.KernelW + kx];
                                }
                        y[((n * g.OutChannels + oc) * oh + oy) * ow + ox] = Math.Min(Math.Max((float)s, min), max);
                    }
        return y;
    }

    public static IEnumerable<object[]> Geometries()
    {
        // Fixed cases: pointwise, depthwise (multiplier 1 and 2), grouped, dilated, asymmetric TF-SAME pads, batch 1 and 3.
        yield return Case(new Conv2dGeometry(1, 5, 7, 9, 11, 1, 1));
        yield return Case(new Conv2dGeometry(2, 3, 13, 11, 8, 3, 3, 2, 2, PadTop: 0, PadLeft: 0, PadBottom: 1, PadRight: 1));
        yield return Case(new Conv2dGeometry(1, 6, 10, 10, 6, 3, 3, PadTop: 1, PadLeft: 1, PadBottom: 1, PadRight: 1, Groups: 6));
        yield return Case(new Conv2dGeometry(3, 4, 9, 8, 8, 3, 3, 2, 1, PadTop: 1, PadLeft: 0, PadBottom: 2, PadRight: 1, Groups: 4));
        yield return Case(new Conv2dGeometry(1, 8, 12, 12, 12, 3, 3, 1, 1, 2, 2, 2, 2, 2, 2, Groups: 2));
        yield return Case(new Conv2dGeometry(1, 3, 23, 19, 17, 7, 5, 2, 3, 1, 2, 3, 2, 1, 0));
        yield return Case(new Conv2dGeometry(2, 16, 5, 5, 7, 1, 1, 2, 2));
        // Depthwise: stride 2 with odd widths and both pad parities, channel multiplier 2, stride 3, dilation.
        yield return Case(new Conv2dGeometry(1, 5, 11, 13, 5, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, 5));
        yield return Case(new Conv2dGeometry(2, 3, 10, 9, 6, 3, 3, 2, 2, 1, 1, 0, 0, 1, 1, 3));
        yield return Case(new Conv2dGeometry(1, 4, 12, 14, 4, 5, 5, 3, 3, 1, 1, 2, 2, 2, 2, 4));
        yield return Case(new Conv2dGeometry(1, 4, 12, 15, 4, 3, 3, 2, 2, 2, 2, 2, 1, 2, 1, 4));
        // Depthwise rows wide enough for the 32-column vector blocks, stride 1 and 2.
        yield return Case(new Conv2dGeometry(1, 3, 9, 70, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 3));
        yield return Case(new Conv2dGeometry(2, 2, 7, 81, 4, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, 2));
        yield return Case(new Conv2dGeometry(1, 2, 6, 100, 2, 5, 5, 1, 2, 1, 1, 2, 2, 2, 2, 2));
        // Batches of small maps, multiplied several images per GEMM: tiles straddle images (planes not a multiple of 16).
        yield return Case(new Conv2dGeometry(7, 5, 5, 7, 13, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1));
        yield return Case(new Conv2dGeometry(9, 6, 3, 5, 10, 1, 1));
        yield return Case(new Conv2dGeometry(5, 4, 9, 9, 7, 1, 1, 2, 2));
        yield return Case(new Conv2dGeometry(6, 4, 7, 7, 8, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, Groups: 2));
        // 3×3 stride-1 "same" (Winograd F(2×2, 3×3)): odd and even sizes, several 8-tile chunks per row, a 1×1 and a 2×1 image.
        yield return Case(new Conv2dGeometry(1, 3, 17, 37, 5, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1));
        yield return Case(new Conv2dGeometry(3, 6, 14, 32, 9, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1));
        yield return Case(new Conv2dGeometry(4, 2, 1, 1, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1));
        yield return Case(new Conv2dGeometry(2, 5, 2, 1, 4, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1));
        // 3×3 stride-1 "valid" (F(4×4) and F(2×2)) and asymmetric or wider padding, all by Winograd.
        yield return Case(new Conv2dGeometry(2, 4, 19, 23, 6, 3, 3));
        yield return Case(new Conv2dGeometry(1, 3, 9, 8, 5, 3, 3));
        yield return Case(new Conv2dGeometry(2, 3, 17, 18, 4, 3, 3, PadTop: 0, PadLeft: 1, PadBottom: 2, PadRight: 0));
        // Single images large enough to go through Winograd in bands of tile rows ("same" and "valid").
        yield return Case(new Conv2dGeometry(1, 16, 64, 64, 16, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1));
        yield return Case(new Conv2dGeometry(1, 24, 70, 45, 20, 3, 3));
        // A batch of small maps large enough for F(4×4) on 7×7 maps.
        yield return Case(new Conv2dGeometry(17, 4, 7, 7, 5, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1));
        // Stride 2 over rows wide enough for the vector unfold, with and without padding.
        yield return Case(new Conv2dGeometry(2, 3, 9, 45, 5, 7, 7, 2, 2, 1, 1, 3, 3, 3, 3));
        yield return Case(new Conv2dGeometry(1, 4, 6, 40, 6, 3, 3, 2, 2, 1, 1, 1, 1, 0, 0));
        // Single images that unfold in several bands of output rows (the last one short).
        yield return Case(new Conv2dGeometry(1, 8, 70, 40, 4, 5, 5, 1, 1, 1, 1, 2, 2, 2, 2));
        yield return Case(new Conv2dGeometry(3, 16, 58, 60, 5, 5, 5, 1, 1, 1, 1, 2, 2, 2, 2));
        // Random geometries with a fixed seed.
        var rng = new Random(1234);
        for (int t = 0; t < 12; t++)
        {
            int groups = rng.Next(3) == 0 ? rng.Next(1, 4) : 1;
            int cin = groups * rng.Next(1, 6), cout = groups * rng.Next(1, 6);
            int kh = rng.Next(1, 5), kw = rng.Next(1, 5), dh = rng.Next(1, 3), dw = rng.Next(1, 3);
            int h = rng.Next(dh * (kh - 1) + 1, 20), w = rng.Next(dw * (kw - 1) + 1, 20);
            yield return Case(new Conv2dGeometry(rng.Next(1, 3), cin, h, w, cout, kh, kw, rng.Next(1, 4), rng.Next(1, 4), dh, dw,
                rng.Next(0, kh), rng.Next(0, kw), rng.Next(0, kh), rng.Next(0, kw), groups));
        }
        for (int t = 0; t < 6; t++)
        {
            int cin = rng.Next(1, 9), cout = rng.Next(1, 20), k = rng.Next(1, 4), stride = rng.Next(1, 3), pad = k / 2;
            int h = rng.Next(k, 10), w = rng.Next(k, 10);
            yield return Case(new Conv2dGeometry(rng.Next(3, 11), cin, h, w, cout, k, k, stride, stride, 1, 1, pad, pad, pad, pad));
        }
    }

    private static object[] Case(Conv2dGeometry g) =>
        [new[] { g.Batch, g.InChannels, g.InH, g.InW, g.OutChannels, g.KernelH, g.KernelW, g.StrideH, g.StrideW, g.DilationH, g.DilationW, g.PadTop, g.PadLeft, g.PadBottom, g.PadRight, g.Groups }];

    [Theory]
    [MemberData(nameof(Geometries))]
    public void MatchesNaiveConvolution(int[] p) => CheckConvolution(256, p);

    [Simd512Theory]
    [MemberData(nameof(Geometries))]
    public void MatchesNaiveConvolution512(int[] p) => CheckConvolution(512, p);

    private static void CheckConvolution(int width, int[] p)
    {
        using var _ = SimdWidth.Use(width);
        var g = new Conv2dGeometry(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11], p[12], p[13], p[14], p[15]);
        var rng = new Random(g.GetHashCode());
        float[] x = TestData.Random(rng, g.Batch * g.InChannels * g.InH * g.InW);
        float[] w = TestData.Random(rng, g.OutChannels * g.PatchSize);
        float[] bias = TestData.Random(rng, g.OutChannels);
        float[] residual = TestData.Random(rng, g.Batch * g.OutChannels * g.OutH * g.OutW, 3f);
        foreach (var (b, min, max, z) in new[] { ((float[]?)null, float.NegativeInfinity, float.PositiveInfinity, (float[]?)null), (bias, 0f, 6f, null), (bias, 0f, float.PositiveInfinity, residual) })
        {
            var expected = Naive(g, x, w, b, min, max, z);
            foreach (bool prepacked in new[] { false, true })
            {
                var y = new float[expected.Length];
                fixed (float* px = x, pw = w, pb = b, py = y, pz = z)
                    Conv2d.Run(g, px, pw, pb, py, min, max, prepacked ? Conv2d.PackWeights(g, pw) : null, pz);
                TestData.AssertClose(expected, y, atol: 1e-5f * MathF.Sqrt(g.PatchSize) * 4, context: $"{width}-bit, {g}, prepacked: {prepacked}");
            }
            if (z is null) continue;
            // The residual computed in place: the output buffer holds it on entry.
            var inPlace = (float[])z.Clone();
            fixed (float* px = x, pw = w, pb = b, py = inPlace)
                Conv2d.Run(g, px, pw, pb, py, min, max, Conv2d.PackWeights(g, pw), py);
            TestData.AssertClose(expected, inPlace, atol: 1e-5f * MathF.Sqrt(g.PatchSize) * 4, context: $"{width}-bit, {g}, residual in place");
        }
    }

    public static TheoryData<int, int, int, int, int> WinogradBatches => new()
    {
        { 5, 6, 14, 20, 7 },
        { 9, 4, 7, 7, 6 },
        { 17, 3, 7, 9, 5 },
        { 2, 40, 60, 60, 40 },
    };

    [Theory]
    [MemberData(nameof(WinogradBatches))]
    public void WinogradRunsOfImagesMatchTheWholeBatch(int batch, int cin, int h, int w, int cout) => CheckWinogradRuns(256, batch, cin, h, w, cout);

    [Simd512Theory]
    [MemberData(nameof(WinogradBatches))]
    public void WinogradRunsOfImagesMatchTheWholeBatch512(int batch, int cin, int h, int w, int cout) => CheckWinogradRuns(512, batch, cin, h, w, cout);

    private static void CheckWinogradRuns(int width, int batch, int cin, int h, int w, int cout)
    {
        using var _ = SimdWidth.Use(width);
        var g = new Conv2dGeometry(batch, cin, h, w, cout, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1);
        var rng = new Random(batch * 100 + h);
        float[] x = TestData.Random(rng, g.Batch * g.InChannels * g.InH * g.InW), wt = TestData.Random(rng, g.OutChannels * g.PatchSize);
        float[] bias = TestData.Random(rng, g.OutChannels), residual = TestData.Random(rng, g.Batch * g.OutChannels * g.OutH * g.OutW);
        var expected = Naive(g, x, wt, bias, 0f, float.PositiveInfinity, residual);
        long saved = WinogradConv2d.WholeBatchFloats;
        try
        {
            // Below any batch's size: every batch goes in runs of images, each on one core.
            WinogradConv2d.WholeBatchFloats = 0;
            Assert.False(WinogradConv2d.PrefersWholeBatch(g));
            var y = new float[expected.Length];
            fixed (float* px = x, pw = wt, pb = bias, py = y, pz = residual)
                Conv2d.Run(g, px, pw, pb, py, 0f, float.PositiveInfinity, null, pz);
            TestData.AssertClose(expected, y, atol: 1e-5f * MathF.Sqrt(g.PatchSize) * 4, context: g.ToString());
        }
        finally
        {
            WinogradConv2d.WholeBatchFloats = saved;
        }
    }
}
