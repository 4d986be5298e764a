using DeepLearningPipelines.Vision.Codecs;

namespace DeepLearningPipelines.Tests.Vision;

public class PngEncoderTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    public void RoundTripsThroughTheDecoder(int channels)
    {
        var image = ImageResizerTests.RandomImage(new Random(channels), 23, 9, channels);

        var png = PngEncoder.Encode(image);
        var decoded = ImageDecoder.Decode(png, "encoded.png");

        Assert.Equal(ImageFormat.Png, ImageDecoder.DetectFormat(png));
        Assert.Equal((image.Height, image.Width, image.Channels), (decoded.Height, decoded.Width, decoded.Channels));
        Assert.Equal(image.Pixels, decoded.Pixels);
    }

    [Fact]
    public void WritesRgbSamplesOnDisk()
    {
        var bgr = new DeepLearningPipelines.Vision.Imaging.ImageData(1, 1, 3, [10, 20, 30]);

        var png = PngEncoder.Encode(bgr);

        Assert.Equal(2, png[25]); // IHDR colour type 2 = RGB, 8 bits
        Assert.Equal(8, png[24]);
        var idatLength = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(33));
        using var zlib = new System.IO.Compression.ZLibStream(new MemoryStream(png, 41, idatLength), System.IO.Compression.CompressionMode.Decompress);
        var scanline = new byte[4];
        zlib.ReadExactly(scanline);
        Assert.Equal(new byte[] { 1, 30, 20, 10 }, scanline); // Sub filter; the first pixel is stored as is, R first
    }
}
