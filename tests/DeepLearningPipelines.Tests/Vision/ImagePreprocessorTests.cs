using ImagePreprocessing = DeepLearningPipelines.Nn.Zoo.ImagePreprocessing;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Vision.Codecs;
using DeepLearningPipelines.Vision.Imaging;

namespace DeepLearningPipelines.Tests.Vision;

public class ImagePreprocessorTests
{
    private static readonly ResizeOptions Resize = new(50, 30, ResizeMode.CenterCrop, Interpolation.Area);
    private static readonly TensorFormat Format = new(TensorLayout.Nchw, ChannelOrder.Rgb, ImagePreprocessing.Torch);

    [Theory]
    [InlineData(false, 0, 0)]
    [InlineData(true, 50, 30)]
    public void EqualsDecodingThenResizing(bool dctScaling, int hintWidth, int hintHeight)
    {
        var bytes = TestFiles.ReadFixture("jpeg-chelsea.jpg");
        var decoded = ImageDecoder.Decode(bytes, "chelsea", new DecodeOptions { TargetWidth = hintWidth, TargetHeight = hintHeight });
        var expected = new float[3 * 50 * 30];
        ImageResizer.ResizeToTensor(decoded, Resize, Format, expected);

        var actual = new float[3 * 50 * 30];
        ImagePreprocessor.DecodeInto(bytes, "chelsea", Resize, Format, actual, dctScaling: dctScaling);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void DctScalingChangesThePixelsOfALargeEnoughJpeg()
    {
        var bytes = TestFiles.ReadFixture("jpeg-chelsea.jpg");
        var full = new float[3 * 50 * 30];
        var scaled = new float[3 * 50 * 30];

        ImagePreprocessor.DecodeInto(bytes, "chelsea", Resize, Format, full);
        ImagePreprocessor.DecodeInto(bytes, "chelsea", Resize, Format, scaled, dctScaling: true);

        Assert.NotEqual(full, scaled);
    }

    [Fact]
    public void UndecodableBytesNameTheOrigin()
    {
        var error = Assert.Throws<DataFormatException>(() =>
            ImagePreprocessor.DecodeInto("GIF89a"u8, "anim.gif", Resize, Format, new float[3 * 50 * 30]));

        Assert.Contains("'anim.gif'", error.Message);
    }
}
