using DeepLearningPipelines.Nn.Kernels;

namespace DeepLearningPipelines.Tests.Nn.Kernels;

public unsafe class SgemmTests
{
    private static float[] Naive(int m, int n, int k, float[] a, bool transA, float[] b, bool transB, float[]? bias, BiasKind kind, float min, float max, float[]? residual = null)
    {
        var c = new float[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int p = 0; p < k; p++)
                    s += (double)(transA ? a[p * m + i] : a[i * k + p]) * (transB ? b[j * k + p] : b[p * n + j]);
                if (kind == BiasKind.PerRow) s += bias![i];
                if (kind == BiasKind.PerColumn) s += bias![j];
                if (residual is not null) s += residual[i * n + j];
                c[i * n + j] = Math.Min(Math.Max((float)s, min), max);
            }
        return c;
    }

    // Sizes straddle the 6×16 and 8×32 tiles and the KC=256 / MC=120 blocks; 1×1×1 and k=1 are included.
    public static TheoryData<int, int, int, bool, bool> Products => new()
    {
        { 1, 1, 1, false, false },
        { 7, 17, 3, false, false },
        { 6, 16, 1, false, false },
        { 8, 32, 1, false, false },
        { 9, 47, 40, false, false },
        { 13, 33, 300, false, true },
        { 125, 50, 257, true, false },
        { 64, 3000, 27, false, false },
        { 250, 9, 520, true, true },
        { 1, 1000, 512, false, true },
    };

    [Theory]
    [MemberData(nameof(Products))]
    public void MatchesNaiveProduct(int m, int n, int k, bool transA, bool transB) => CheckProduct(256, m, n, k, transA, transB);

    [Simd512Theory]
    [MemberData(nameof(Products))]
    public void MatchesNaiveProduct512(int m, int n, int k, bool transA, bool transB) => CheckProduct(512, m, n, k, transA, transB);

    private static void CheckProduct(int width, int m, int n, int k, bool transA, bool transB)
    {
        using var _ = SimdWidth.Use(width);
        var rng = new Random(m * 1000 + n * 10 + k);
        float[] a = TestData.Random(rng, m * k), b = TestData.Random(rng, k * n);
        float[] rowBias = TestData.Random(rng, m), colBias = TestData.Random(rng, n);
        foreach (var (kind, min, max) in new[] { (BiasKind.None, float.NegativeInfinity, float.PositiveInfinity), (BiasKind.PerRow, 0f, float.PositiveInfinity), (BiasKind.PerColumn, 0f, 0.5f) })
        {
            float[]? bias = kind == BiasKind.PerRow ? rowBias : kind == BiasKind.PerColumn ? colBias : null;
            var expected = Naive(m, n, k, a, transA, b, transB, bias, kind, min, max);
            foreach (bool prepacked in new[] { false, true })
            {
                var c = new float[m * n];
                fixed (float* pa = a, pb = b, pc = c, pbias = bias)
                {
                    var ma = transA ? new MatrixRef(pa, 1, m) : new MatrixRef(pa, k);
                    var mb = transB ? new MatrixRef(pb, 1, k) : new MatrixRef(pb, n);
                    var ep = new GemmEpilogue(pbias, kind, min, max);
                    if (prepacked)
                    {
                        var packed = new PackedMatrix(ma, m, k);
                        Assert.Equal(width, packed.Width);
                        Sgemm.Multiply(packed, n, mb, pc, n, ep);
                    }
                    else Sgemm.Multiply(m, n, k, ma, mb, pc, n, ep);
                }
                // float32 accumulation of k products of values in [-1,1]: error grows like sqrt(k)·eps.
                TestData.AssertClose(expected, c, atol: 1e-5f * MathF.Sqrt(k) * 4, context: $"{width}-bit, {kind}, prepacked A: {prepacked}");
            }
        }
    }
}

public unsafe class SgemmEpilogueTests
{
    [Theory]
    [InlineData(7, 35, 20)]
    [InlineData(130, 300, 270)]
    public void ResidualIsAddedBeforeTheClamp(int m, int n, int k) => CheckResidual(256, m, n, k);

    [Simd512Theory]
    [InlineData(7, 35, 20)]
    [InlineData(130, 300, 270)]
    public void ResidualIsAddedBeforeTheClamp512(int m, int n, int k) => CheckResidual(512, m, n, k);

    private static void CheckResidual(int width, int m, int n, int k)
    {
        using var _ = SimdWidth.Use(width);
        var rng = new Random(m + n + k);
        float[] a = TestData.Random(rng, m * k), b = TestData.Random(rng, k * n), bias = TestData.Random(rng, m), residual = TestData.Random(rng, m * n, 4f);
        var expected = new float[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double s = bias[i] + residual[i * n + j];
                for (int p = 0; p < k; p++) s += (double)a[i * k + p] * b[p * n + j];
                expected[i * n + j] = Math.Max((float)s, 0f);
            }
        var c = new float[m * n];
        fixed (float* pa = a, pb = b, pc = c, pbias = bias, pr = residual)
            Sgemm.Multiply(m, n, k, new MatrixRef(pa, k), new MatrixRef(pb, n), pc, n,
                new GemmEpilogue(pbias, BiasKind.PerRow, 0f, float.PositiveInfinity, true, (nint)((byte*)pr - (byte*)pc)));
        TestData.AssertClose(expected, c, 1e-5f * MathF.Sqrt(k) * 4);
    }

    // k = 0, one k block, several k blocks (C is reread between them); prepacked A split over threads by rows.
    public static TheoryData<int, int, int, bool> Accumulations => new()
    {
        { 5, 21, 0, false },
        { 13, 40, 100, false },
        { 130, 300, 600, true },
        { 200, 20, 300, true },
    };

    [Theory]
    [MemberData(nameof(Accumulations))]
    public void AccumulateAddsThePriorContentsOfC(int m, int n, int k, bool prepacked) => CheckAccumulate(256, m, n, k, prepacked);

    [Simd512Theory]
    [MemberData(nameof(Accumulations))]
    public void AccumulateAddsThePriorContentsOfC512(int m, int n, int k, bool prepacked) => CheckAccumulate(512, m, n, k, prepacked);

    private static void CheckAccumulate(int width, int m, int n, int k, bool prepacked)
    {
        using var _ = SimdWidth.Use(width);
        var rng = new Random(m * 7 + n + k);
        float[] a = TestData.Random(rng, m * k), b = TestData.Random(rng, k * n), bias = TestData.Random(rng, m), prior = TestData.Random(rng, m * n, 4f);
        var expected = new float[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double s = prior[i * n + j] + bias[i];
                for (int p = 0; p < k; p++) s += (double)a[i * k + p] * b[p * n + j];
                expected[i * n + j] = Math.Min(Math.Max((float)s, -1f), 2f);
            }
        var c = (float[])prior.Clone();
        fixed (float* pa = a, pb = b, pc = c, pbias = bias)
        {
            var ep = new GemmEpilogue(pbias, BiasKind.PerRow, -1f, 2f, accumulate: true);
            if (prepacked) Sgemm.Multiply(new PackedMatrix(new MatrixRef(pa, k), m, k), n, new MatrixRef(pb, n), pc, n, ep);
            else Sgemm.Multiply(m, n, k, new MatrixRef(pa, k), new MatrixRef(pb, n), pc, n, ep);
        }
        TestData.AssertClose(expected, c, 1e-5f * MathF.Sqrt(k + 1) * 4);
    }

    [Fact]
    public void NaNInputsStayNaNWithAndWithoutClamp() => CheckNaN(256);

    [Simd512Fact]
    public void NaNInputsStayNaNWithAndWithoutClamp512() => CheckNaN(512);

    private static void CheckNaN(int width)
    {
        using var _ = SimdWidth.Use(width);
        const int m = 7, n = 19, k = 5;
        float[] a = TestData.Random(new Random(1), m * k), b = TestData.Random(new Random(2), k * n);
        a[3 * k + 2] = float.NaN;
        foreach (float min in new[] { float.NegativeInfinity, 0f })
        {
            var c = new float[m * n];
            fixed (float* pa = a, pb = b, pc = c)
                Sgemm.Multiply(m, n, k, new MatrixRef(pa, k), new MatrixRef(pb, n), pc, n, new GemmEpilogue(null, BiasKind.None, min));
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++) Assert.Equal(i == 3, float.IsNaN(c[i * n + j]));
        }
    }
}
