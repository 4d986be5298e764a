using DeepLearningPipelines.Nn;
using DeepLearningPipelines.Nn.Kernels;

namespace DeepLearningPipelines.Tests.Nn;

public unsafe class ChannelsLastTests
{
    [Fact]
    public void NhwcRoundTripsAndIndexesCorrectly()
    {
        float[] data = Enumerable.Range(0, 2 * 3 * 4 * 5).Select(i => (float)i).ToArray();
        var nhwc = new Tensor(data, 2, 3, 4, 5);
        var nchw = ChannelsLast.NhwcToNchw(nhwc);
        Assert.Equal([2, 5, 3, 4], nchw.Shape);
        // NHWC element (n=1, h=2, w=3, c=4) is NCHW element (1, 4, 2, 3).
        Assert.Equal(data[((1 * 3 + 2) * 4 + 3) * 5 + 4], nchw.Span[((1 * 5 + 4) * 3 + 2) * 4 + 3]);
        Assert.Equal(data, ChannelsLast.NchwToNhwc(nchw).ToArray());
    }

    /// <summary>A TF-style convolution (HWIO kernel, channel-multiplier depthwise kernel) computed directly in NHWC
    /// equals the runtime's NCHW convolution on converted weights.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ConvertedKernelsGiveTheSameConvolution(bool depthwise)
    {
        const int h = 6, w = 7, c = 3, k = 3;
        int outChannels = depthwise ? c * 2 : 4;
        var rng = new Random(depthwise ? 1 : 2);
        float[] x = TestData.Random(rng, h * w * c), kernel = TestData.Random(rng, k * k * c * (depthwise ? 2 : outChannels));
        // Direct NHWC reference, 'valid' padding.
        int oh = h - k + 1, ow = w - k + 1;
        var expected = new float[oh * ow * outChannels];
        for (int y = 0; y < oh; y++)
            for (int xx = 0; xx < ow; xx++)
                for (int o = 0; o < outChannels; o++)
                {
                    double s = 0;
                    for (int ky = 0; ky < k; ky++)
                        for (int kx = 0; kx < k; kx++)
                            if (depthwise)
                                s += x[((y + ky) * w + xx + kx) * c + o / 2] * kernel[((ky * k + kx) * c + o / 2) * 2 + o % 2];
                            else
                                for (int i = 0; i < c; i++) s += x[((y + ky) * w + xx + kx) * c + i] * kernel[((ky * k + kx) * c + i) * outChannels + o];
                    expected[(y * ow + xx) * outChannels + o] = (float)s;
                }

        var input = ChannelsLast.NhwcToNchw(new Tensor(x, 1, h, w, c));
        var weights = depthwise ? ChannelsLast.DepthwiseHwcmToOihw(new Tensor(kernel, k, k, c, 2)) : ChannelsLast.HwioToOihw(new Tensor(kernel, k, k, c, outChannels));
        var g = new Conv2dGeometry(1, c, h, w, outChannels, k, k, Groups: depthwise ? c : 1);
        var y2 = new float[outChannels * oh * ow];
        fixed (float* px = input.Buffer, pw = weights.Buffer, py = y2) Conv2d.Run(g, px, pw, null, py);
        var actual = ChannelsLast.NchwToNhwc(new Tensor(y2, 1, outChannels, oh, ow));
        TestData.AssertClose(expected, actual.Span, 1e-5f);
    }
}
