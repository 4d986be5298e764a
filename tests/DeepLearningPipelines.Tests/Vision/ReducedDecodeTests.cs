using DeepLearningPipelines.Vision.Codecs;
using DeepLearningPipelines.Vision.Imaging;

namespace DeepLearningPipelines.Tests.Vision;

/// <summary>
/// Decoding with a target size (<see cref="DecodeOptions.TargetWidth"/>) gives the pixels of the full decode
/// area-downscaled to the reduced size: exactly (±1 rounding) for PNG, within DCT-scaling error for JPEG.
/// </summary>
public class ReducedDecodeTests
{
    private static readonly (byte, byte)[] Delta = [(1, 3), (0, 7), (2, 1), (0, 0)];

    private static ushort Gradient(int x, int s) => (ushort)(s switch { 0 => x * 97, 1 => 65535 - x * 50, 2 => x * x % 65536, _ => 40000 + x });

    [Fact]
    public void Png16BitRgbaMatchesAreaResizeOfTheFullDecode()
    {
        var png = Png16Writer.Encode(600, 450, Gradient, Delta);
        var full = ImageDecoder.Decode(png, "gradient.png");

        var reduced = ImageDecoder.Decode(png, "gradient.png", new DecodeOptions { TargetWidth = 100, TargetHeight = 75 });

        Assert.Equal((100, 75, 4), (reduced.Width, reduced.Height, reduced.Channels));
        var reference = ImageResizer.Resize(full, new ResizeOptions(100, 75));
        Assert.True(MaxDifference(reference, reduced) <= 1, $"max difference {MaxDifference(reference, reduced)}");
    }

    [Fact]
    public void Png8BitMatchesAreaResizeOfTheFullDecode()
    {
        var random = new Random(5);
        var pixels = new byte[400 * 300 * 4];
        random.NextBytes(pixels);
        var png = PngEncoder.Encode(new ImageData(300, 400, 4, pixels));

        var reduced = ImageDecoder.Decode(png, "noise.png", new DecodeOptions { TargetWidth = 40, TargetHeight = 30 });

        var reference = ImageResizer.Resize(ImageDecoder.Decode(png, "noise.png"), new ResizeOptions(40, 30));
        Assert.Equal((40, 30), (reduced.Width, reduced.Height));
        Assert.True(MaxDifference(reference, reduced) <= 1, $"max difference {MaxDifference(reference, reduced)}");
    }

    [Theory]
    [InlineData("png-rgb16-adam7.png")]
    [InlineData("png-rgba8-adam7.png")]
    [InlineData("png-gray1-adam7.png")]
    [InlineData("png-palette4-adam7.png")]
    [InlineData("png-gray16.png")]
    [InlineData("png-palette8-trns.png")]
    public void PartialEdgeBlocksAndInterlacedPassesAverageWhatTheyCover(string name)
    {
        var bytes = TestFiles.ReadFixture(name);
        var full = ImageDecoder.Decode(bytes, name);

        var reduced = ImageDecoder.Decode(bytes, name, new DecodeOptions { TargetWidth = 3, TargetHeight = 3 });

        var factor = Math.Min(full.Width / 3, full.Height / 3);
        Assert.True(factor > 1);
        Assert.Equal(BoxMean(full, factor).Pixels, reduced.Pixels);
        Assert.True(reduced.Width >= 3 && reduced.Height >= 3);
    }

    [Fact]
    public void OddSizesKeepAtLeastTheTargetAndAverageTheEdges()
    {
        var random = new Random(9);
        var pixels = new byte[403 * 297 * 3];
        random.NextBytes(pixels);
        var png = PngEncoder.Encode(new ImageData(297, 403, 3, pixels));

        var reduced = ImageDecoder.Decode(png, "odd.png", new DecodeOptions { TargetWidth = 40, TargetHeight = 29 });

        Assert.Equal((41, 30), (reduced.Width, reduced.Height));
        Assert.Equal(BoxMean(ImageDecoder.Decode(png, "odd.png"), 10).Pixels, reduced.Pixels);
    }

    [Fact]
    public void JpegDctScalingMatchesAreaResizeOfTheFullDecode()
    {
        var bytes = File.ReadAllBytes(TestFiles.BirdsPlanesJpegs()[0]);
        var full = ImageDecoder.Decode(bytes, "photo.jpg");

        var reduced = ImageDecoder.Decode(bytes, "photo.jpg", new DecodeOptions { TargetWidth = full.Width / 4, TargetHeight = full.Height / 4 });

        Assert.Equal(((full.Width + 3) / 4, (full.Height + 3) / 4), (reduced.Width, reduced.Height));
        var reference = ImageResizer.Resize(full, new ResizeOptions(reduced.Width, reduced.Height));
        var mean = reference.Pixels.Zip(reduced.Pixels, (a, b) => Math.Abs(a - b)).Average();
        Assert.True(mean <= 1.0, $"mean absolute difference {mean:F2}");
        Assert.True(MaxDifference(reference, reduced) <= 8, $"max difference {MaxDifference(reference, reduced)}");
    }

    private static int MaxDifference(ImageData a, ImageData b)
    {
        Assert.Equal((a.Width, a.Height, a.Channels), (b.Width, b.Height, b.Channels));
        return a.Pixels.Zip(b.Pixels, (x, y) => Math.Abs(x - y)).Max();
    }

    /// <summary>Rounded mean of each factor × factor block (partial blocks at the edges), computed naively.</summary>
    internal static ImageData BoxMean(ImageData image, int factor)
    {
        int w = (image.Width + factor - 1) / factor, h = (image.Height + factor - 1) / factor, c = image.Channels;
        var result = new ImageData(h, w, c);
        for (var oy = 0; oy < h; oy++)
            for (var ox = 0; ox < w; ox++)
                for (var k = 0; k < c; k++)
                {
                    long sum = 0, count = 0;
                    for (var y = oy * factor; y < Math.Min(image.Height, (oy + 1) * factor); y++)
                        for (var x = ox * factor; x < Math.Min(image.Width, (ox + 1) * factor); x++, count++)
                            sum += image.Pixels[(y * image.Width + x) * c + k];
                    result.Pixels[(oy * w + ox) * c + k] = (byte)((sum + count / 2) / count);
                }
        return result;
    }
}
