using DeepLearningPipelines.Nn.Kernels;

namespace DeepLearningPipelines.Tests.Nn.Kernels;

/// <summary>A matrix packed for one kernel width stays correct, and is recognised as stale, once the other width is in use.</summary>
public unsafe class PackedMatrixTests
{
    [Simd512Theory]
    [InlineData(256, 512)]
    [InlineData(512, 256)]
    public void ProductUsesTheWidthTheMatrixWasPackedFor(int packedWidth, int runWidth)
    {
        const int m = 21, n = 70, k = 40;
        var rng = new Random(packedWidth);
        float[] a = TestData.Random(rng, m * k), b = TestData.Random(rng, k * n);
        var expected = new float[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int p = 0; p < k; p++) s += (double)a[i * k + p] * b[p * n + j];
                expected[i * n + j] = (float)s;
            }
        var c = new float[m * n];
        fixed (float* pa = a, pb = b, pc = c)
        {
            PackedMatrix packed;
            using (SimdWidth.Use(packedWidth)) packed = new PackedMatrix(new MatrixRef(pa, k), m, k);
            Assert.Equal(packedWidth, packed.Width);
            using (SimdWidth.Use(runWidth)) Sgemm.Multiply(packed, n, new MatrixRef(pb, n), pc, n, GemmEpilogue.None);
        }
        TestData.AssertClose(expected, c, 1e-5f * MathF.Sqrt(k) * 4);
    }

    [Simd512Theory]
    [InlineData(1, 1)] // im2col GEMM
    [InlineData(3, 1)] // Winograd
    public void PackedConvolutionWeightsFitOnlyTheWidthTheyWerePackedFor(int kernel, int stride)
    {
        var g = new Conv2dGeometry(1, 4, 12, 12, 6, kernel, kernel, stride, stride, 1, 1, kernel / 2, kernel / 2, kernel / 2, kernel / 2);
        float[] w = TestData.Random(new Random(3), g.OutChannels * g.PatchSize);
        fixed (float* pw = w)
        {
            PackedMatrix[] packed;
            using (SimdWidth.Use(256)) packed = Conv2d.PackWeights(g, pw)!;
            using (SimdWidth.Use(256)) Assert.True(Conv2d.FitsPackedWeights(g, packed));
            using (SimdWidth.Use(512)) Assert.False(Conv2d.FitsPackedWeights(g, packed));
        }
    }
}
