using DeepLearningPipelines.Vision.Codecs;
using DeepLearningPipelines.Vision.Imaging;

namespace DeepLearningPipelines.Tests.Vision;

public class ImageResizerTests
{
    public static TheoryData<string, int> SharedReferences() => new()
    {
        { "chelsea", 224 }, { "chelsea", 299 }, { "coffee", 224 }, { "coffee", 299 }, { "rocket", 224 }, { "rocket", 299 },
    };

    [Theory]
    [MemberData(nameof(SharedReferences))]
    public void BilinearSquashReproducesTensorFlowReferenceBitExactly(string name, int size)
    {
        var source = Decode(TestFiles.Shared("models", "images", name + ".png"));
        var expected = Decode(TestFiles.Shared("models", "images", $"{name}_{size}.png"));

        var resized = ImageResizer.Resize(source, new ResizeOptions(size, size, ResizeMode.Squash, Interpolation.Bilinear));

        Assert.Equal(expected.Pixels, resized.Pixels);
    }

    public static TheoryData<Interpolation, int> RandomCases() => new()
    {
        { Interpolation.Bilinear, 1 }, { Interpolation.Bilinear, 3 }, { Interpolation.Bilinear, 4 },
        { Interpolation.Nearest, 1 }, { Interpolation.Nearest, 3 }, { Interpolation.Nearest, 4 },
        { Interpolation.Area, 1 }, { Interpolation.Area, 3 }, { Interpolation.Area, 4 },
    };

    [Theory]
    [MemberData(nameof(RandomCases))]
    public void MatchesPerPixelReferenceOverRandomSizes(Interpolation interpolation, int channels)
    {
        var random = new Random(1000 * (int)interpolation + channels);
        for (var round = 0; round < 40; round++)
        {
            var source = RandomImage(random, random.Next(1, 50), random.Next(1, 50), channels);
            int width = random.Next(1, 60), height = random.Next(1, 60);
            var mode = round % 3 == 0 ? ResizeMode.CenterCrop : ResizeMode.Squash;

            var resized = ImageResizer.Resize(source, new ResizeOptions(width, height, mode, interpolation));

            var (scaledWidth, scaledHeight) = mode == ResizeMode.Squash ? (width, height) : CoveringSize(source, width, height);
            var expected = NaiveResize.Run(source, scaledWidth, scaledHeight, (scaledWidth - width) / 2, (scaledHeight - height) / 2,
                width, height, interpolation);
            var context = $"{source.Width}x{source.Height}x{channels} -> {width}x{height} {mode}";
            AssertBytesMatch(expected, resized.Pixels, interpolation == Interpolation.Area ? 1 : 0, context);
        }
    }

    [Fact]
    public void AreaShrinkByWholeFactorAveragesBlocks()
    {
        var source = new ImageData(2, 4, 1, [10, 20, 30, 41, 50, 60, 70, 80]);

        var resized = ImageResizer.Resize(source, new ResizeOptions(2, 1));

        Assert.Equal(new byte[] { 35, 55 }, resized.Pixels); // (10+20+50+60)/4, (30+41+70+80)/4 = 55.25
    }

    [Fact]
    public void AreaEnlargeByWholeFactorReplicatesPixels()
    {
        var source = RandomImage(new Random(7), 5, 3, 3);

        var resized = ImageResizer.Resize(source, new ResizeOptions(15, 6));

        for (var y = 0; y < 6; y++)
        for (var x = 0; x < 15; x++)
            Assert.Equal(source.Pixels.AsSpan(((y / 2) * 5 + x / 3) * 3, 3).ToArray(), resized.Pixels.AsSpan((y * 15 + x) * 3, 3).ToArray());
    }

    [Theory]
    [InlineData(Interpolation.Area)]
    [InlineData(Interpolation.Bilinear)]
    [InlineData(Interpolation.Nearest)]
    public void CenterCropEqualsSquashOfTheCentralRegion(Interpolation interpolation)
    {
        var source = RandomImage(new Random(3), 200, 100, 3);
        var centre = new ImageData(100, 100, 3);
        for (var y = 0; y < 100; y++)
            source.Row(y).Slice(50 * 3, 100 * 3).CopyTo(centre.Row(y));

        var cropped = ImageResizer.Resize(source, new ResizeOptions(50, 50, ResizeMode.CenterCrop, interpolation));
        var squashed = ImageResizer.Resize(centre, new ResizeOptions(50, 50, ResizeMode.Squash, interpolation));

        Assert.Equal(squashed.Pixels, cropped.Pixels);
    }

    [Fact]
    public void SameSizeIsIdentityForEveryInterpolation()
    {
        var source = RandomImage(new Random(5), 37, 23, 4);
        foreach (var interpolation in Enum.GetValues<Interpolation>())
            Assert.Equal(source.Pixels, ImageResizer.Resize(source, new ResizeOptions(37, 23, ResizeMode.Squash, interpolation)).Pixels);
    }

    internal static ImageData RandomImage(Random random, int width, int height, int channels)
    {
        var image = new ImageData(height, width, channels);
        random.NextBytes(image.Pixels);
        return image;
    }

    private static (int, int) CoveringSize(ImageData source, int width, int height)
    {
        var scale = Math.Max((double)width / source.Width, (double)height / source.Height);
        return (Math.Max(width, (int)Math.Round(source.Width * scale)), Math.Max(height, (int)Math.Round(source.Height * scale)));
    }

    private static void AssertBytesMatch(double[] expected, byte[] actual, int tolerance, string context)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            var want = NaiveResize.ToByte(expected[i]);
            Assert.True(Math.Abs(want - actual[i]) <= tolerance, $"{context}: value {i} is {actual[i]}, reference {expected[i]:R} -> {want}");
        }
    }

    private static ImageData Decode(string path) => ImageDecoder.Decode(File.ReadAllBytes(path), path);
}
