using DeepLearningPipelines.Nn.Kernels;

namespace DeepLearningPipelines.Tests.Nn.Kernels;

/// <summary>The one-pass 2×2 max-pooling gradient against the general scatter kernel (<see cref="PoolingBackward.Max"/>).</summary>
public unsafe class MaxPool2x2BackwardTests
{
    /// <summary>Odd and even sizes (vector windows, scalar tail, an uncovered last row/column); values on a coarse grid, so windows have ties.</summary>
    [Theory]
    [InlineData(2, 3, 28, 28, false)]
    [InlineData(1, 2, 9, 11, false)]
    [InlineData(3, 1, 7, 19, true)]
    [InlineData(1, 1, 2, 2, true)]
    public void MatchesTheGeneralKernel(int batch, int channels, int h, int w, bool accumulate)
    {
        var g = new Pool2dGeometry(batch, channels, h, w, 2, 2, 2, 2);
        Assert.True(MaxPool2x2Backward.Applies(g));
        var rng = new Random(h * 100 + w);
        float[] x = Enumerable.Range(0, batch * channels * h * w).Select(_ => (float)rng.Next(-3, 4)).ToArray();
        float[] dy = TestData.Random(rng, batch * channels * g.OutH * g.OutW);
        float[] start = accumulate ? TestData.Random(rng, x.Length) : Enumerable.Repeat(float.NaN, x.Length).ToArray();
        float[] expected = accumulate ? (float[])start.Clone() : new float[x.Length];
        float[] actual = (float[])start.Clone();
        fixed (float* px = x, pdy = dy, pe = expected, pa = actual)
        {
            PoolingBackward.Max(g, px, pdy, pe);
            MaxPool2x2Backward.Run(g, px, pdy, pa, accumulate);
        }
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(3, 2, 0)]
    [InlineData(2, 1, 0)]
    [InlineData(2, 2, 1)]
    public void OnlyUnpaddedTwoByTwoWindowsApply(int kernel, int stride, int pad)
    {
        Assert.False(MaxPool2x2Backward.Applies(new Pool2dGeometry(1, 1, 8, 8, kernel, kernel, stride, stride, pad, pad, pad, pad)));
    }
}
