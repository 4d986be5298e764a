using DeepLearningPipelines.Core;
using DeepLearningPipelines.Vision.Imaging;

namespace DeepLearningPipelines.Tests.Vision;

public class ImageDataTests
{
    [Theory]
    [InlineData(1, 0)]
    [InlineData(3, 16)]
    [InlineData(4, 24)]
    public void ModesAreSparksOpenCvOrdinals(int channels, int mode)
    {
        Assert.Equal(mode, (int)new ImageData(2, 3, channels).Mode);
        Assert.Equal(channels, ImageData.ChannelsOf(mode));
    }

    [Fact]
    public void UnknownModeIsAFormatError()
    {
        var error = Assert.Throws<DataFormatException>(() => ImageData.ChannelsOf(5));
        Assert.Contains("mode 5", error.Message);
    }

    [Fact]
    public void BufferMustMatchTheShape()
    {
        Assert.Throws<ArgumentException>(() => new ImageData(2, 3, 3, new byte[17]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImageData(2, 3, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImageData(0, 3, 3));
    }

    [Fact]
    public void ToBgrReplicatesGrayAndDropsAlpha()
    {
        var gray = new ImageData(1, 2, 1, [7, 9]);
        var bgra = new ImageData(1, 2, 4, [1, 2, 3, 4, 5, 6, 7, 8]);

        Assert.Equal(new byte[] { 7, 7, 7, 9, 9, 9 }, gray.ToBgr().Pixels);
        Assert.Equal(new byte[] { 1, 2, 3, 5, 6, 7 }, bgra.ToBgr().Pixels);
    }

    // Stored 3x2 image with pixel values 1..6 (rows 1 2 3 / 4 5 6); expected upright images per EXIF orientation.
    [Theory]
    [InlineData(1, 2, 3, new byte[] { 1, 2, 3, 4, 5, 6 })]
    [InlineData(2, 2, 3, new byte[] { 3, 2, 1, 6, 5, 4 })]
    [InlineData(3, 2, 3, new byte[] { 6, 5, 4, 3, 2, 1 })]
    [InlineData(4, 2, 3, new byte[] { 4, 5, 6, 1, 2, 3 })]
    [InlineData(5, 3, 2, new byte[] { 1, 4, 2, 5, 3, 6 })]
    [InlineData(6, 3, 2, new byte[] { 4, 1, 5, 2, 6, 3 })]
    [InlineData(7, 3, 2, new byte[] { 6, 3, 5, 2, 4, 1 })]
    [InlineData(8, 3, 2, new byte[] { 3, 6, 2, 5, 1, 4 })]
    public void OrientationsProduceTheUprightImage(int orientation, int height, int width, byte[] expected)
    {
        var stored = new ImageData(2, 3, 1, [1, 2, 3, 4, 5, 6]);

        var upright = ImageOrientation.Apply(stored, orientation);

        Assert.Equal((height, width), (upright.Height, upright.Width));
        Assert.Equal(expected, upright.Pixels);
    }
}
