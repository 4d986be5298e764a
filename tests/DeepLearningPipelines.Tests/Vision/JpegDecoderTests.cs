using DeepLearningPipelines.Core;
using DeepLearningPipelines.Vision.Codecs;
using DeepLearningPipelines.Vision.Imaging;

namespace DeepLearningPipelines.Tests.Vision;

public class JpegDecoderTests
{
    private static ImageData Fixture(string name, DecodeOptions? options = null) =>
        ImageDecoder.Decode(TestFiles.ReadFixture(name), name, options);

    [Theory]
    [InlineData("jpeg-chelsea.jpg", "png-ref-chelsea.png")]
    [InlineData("jpeg-chelsea-progressive.jpg", "png-ref-chelsea-progressive.png")]
    [InlineData("jpeg-chelsea-gray.jpg", "png-ref-chelsea-gray.png")]
    public void MatchesLibjpegTurboDecodeByImageMagick(string jpeg, string reference)
    {
        var image = Fixture(jpeg);
        var expected = Fixture(reference);

        Assert.Equal((expected.Height, expected.Width, expected.Channels), (image.Height, image.Width, image.Channels));
        Assert.Equal(expected.Pixels, image.Pixels);
    }

    [Fact]
    public void GrayJpegKeepsOneChannelUnlessBgrIsForced()
    {
        var gray = Fixture("jpeg-chelsea-gray.jpg");
        var bgr = Fixture("jpeg-chelsea-gray.jpg", new DecodeOptions { ForceBgr = true });

        Assert.Equal(OpenCvMode.CV_8UC1, gray.Mode);
        Assert.Equal(OpenCvMode.CV_8UC3, bgr.Mode);
        for (var i = 0; i < gray.Pixels.Length; i++)
            Assert.True(bgr.Pixels[3 * i] == gray.Pixels[i] && bgr.Pixels[3 * i + 1] == gray.Pixels[i] && bgr.Pixels[3 * i + 2] == gray.Pixels[i]);
    }

    [Fact]
    public void AdobeCmykJpegIsConvertedToBgrLikeImageMagick()
    {
        var image = Fixture("jpeg-chelsea-cmyk.jpg");
        var expected = Fixture("png-ref-chelsea-cmyk.png");

        Assert.Equal(3, image.Channels);
        var worst = image.Pixels.Zip(expected.Pixels, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(worst <= 1, $"largest difference {worst}");
    }

    [Theory]
    [InlineData(60, 40, "png-ref-chelsea-half.png")]
    [InlineData(15, 10, "png-ref-chelsea-eighth.png")]
    public void SizeHintDecodesAtTheSmallestDctScaleThatStillCoversIt(int targetWidth, int targetHeight, string reference)
    {
        var image = Fixture("jpeg-chelsea.jpg", new DecodeOptions { TargetWidth = targetWidth, TargetHeight = targetHeight });
        var expected = Fixture(reference, new DecodeOptions { ForceBgr = true });

        Assert.Equal((expected.Height, expected.Width), (image.Height, image.Width));
        Assert.Equal(expected.Pixels, image.Pixels);
    }

    [Theory]
    [InlineData(61, 40, 120, 80)]
    [InlineData(59, 41, 120, 80)]
    [InlineData(30, 20, 30, 20)]
    [InlineData(16, 10, 30, 20)]
    [InlineData(31, 20, 60, 40)]
    [InlineData(0, 0, 120, 80)]
    public void SizeHintNeverShrinksBelowTheTarget(int targetWidth, int targetHeight, int width, int height)
    {
        var image = Fixture("jpeg-chelsea.jpg", new DecodeOptions { TargetWidth = targetWidth, TargetHeight = targetHeight });

        Assert.Equal((height, width), (image.Height, image.Width));
    }

    // Expected display corners (top-left, top-right, bottom-left, bottom-right) of the 32x16 fixture whose stored
    // quadrants are red, green / blue, white, written from the EXIF 2.3 definitions of tag 0x0112.
    [Theory]
    [InlineData(1, "RG", "BW")]
    [InlineData(2, "GR", "WB")]
    [InlineData(3, "WB", "GR")]
    [InlineData(4, "BW", "RG")]
    [InlineData(5, "RB", "GW")]
    [InlineData(6, "BR", "WG")]
    [InlineData(7, "WG", "BR")]
    [InlineData(8, "GW", "RB")]
    public void ExifOrientationIsApplied(int orientation, string top, string bottom)
    {
        foreach (var bigEndian in new[] { false, true })
        {
            var bytes = JpegTestFiles.WithOrientation(TestFiles.ReadFixture("jpeg-quadrants.jpg"), orientation, bigEndian);

            var image = ImageDecoder.Decode(bytes, "oriented.jpg");

            var swapped = orientation >= 5;
            Assert.Equal(swapped ? (32, 16) : (16, 32), (image.Height, image.Width));
            Assert.Equal(top + bottom, CornerColours(image));
        }
    }

    [Fact]
    public void ExifOrientationCanBeIgnored()
    {
        var bytes = JpegTestFiles.WithOrientation(TestFiles.ReadFixture("jpeg-quadrants.jpg"), 6, bigEndian: false);

        var image = ImageDecoder.Decode(bytes, "oriented.jpg", new DecodeOptions { ApplyExifOrientation = false });

        Assert.Equal("RGBW", CornerColours(image));
    }

    [Fact]
    public void SizeHintIsReadInDisplayOrientation()
    {
        var bytes = JpegTestFiles.WithOrientation(TestFiles.ReadFixture("jpeg-chelsea.jpg"), 6, bigEndian: true);

        var image = ImageDecoder.Decode(bytes, "rotated.jpg", new DecodeOptions { TargetWidth = 40, TargetHeight = 60 });

        Assert.Equal((60, 40), (image.Height, image.Width));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    public void OutOfRangeOrientationLeavesTheImageAsStored(int orientation)
    {
        var bytes = JpegTestFiles.WithOrientation(TestFiles.ReadFixture("jpeg-quadrants.jpg"), orientation, bigEndian: false);

        Assert.Equal("RGBW", CornerColours(ImageDecoder.Decode(bytes, "odd.jpg")));
    }

    [Fact]
    public void MissingLibraryGivesAnInstallHintNotDllNotFound()
    {
        Assert.Null(TurboJpegLibrary.TryLoad(["libturbojpeg-not-installed.so.99"]));

        var error = TurboJpegLibrary.MissingLibrary("photo.jpg");
        Assert.IsType<DataFormatException>(error);
        Assert.Contains("'photo.jpg'", error.Message);
        Assert.Contains("install libturbojpeg0", error.Message);
    }

    [Fact]
    public void RealPhotosDecodeToTheirDeclaredSize()
    {
        foreach (var path in TestFiles.BirdsPlanesJpegs().Take(6))
        {
            var image = ImageDecoder.Decode(File.ReadAllBytes(path), path);
            Assert.Equal(3, image.Channels);
            Assert.True(image.Width >= 100 && image.Height >= 100, path);
            Assert.True(image.Pixels.Distinct().Count() > 100, path);
        }
    }

    /// <summary>The colour letters (R, G, B, W) at the centres of the four quadrants, row by row.</summary>
    private static string CornerColours(ImageData image)
    {
        char At(int x, int y)
        {
            var o = (y * image.Width + x) * 3;
            int b = image.Pixels[o], g = image.Pixels[o + 1], r = image.Pixels[o + 2];
            return (r > 200, g > 200, b > 200) switch
            {
                (true, true, true) => 'W',
                (true, false, false) => 'R',
                (false, true, false) => 'G',
                (false, false, true) => 'B',
                _ => '?',
            };
        }
        int w = image.Width, h = image.Height;
        return new string([At(w / 4, h / 4), At(3 * w / 4, h / 4), At(w / 4, 3 * h / 4), At(3 * w / 4, 3 * h / 4)]);
    }
}
