using System.Buffers.Binary;
using System.Diagnostics;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Vision.Codecs;

namespace DeepLearningPipelines.Tests.Vision;

/// <summary>Malformed, truncated, mutated and oversized inputs must end in a DataFormatException naming the origin, quickly.</summary>
public class HostileInputTests
{
    private static readonly TimeSpan MaxDecodeTime = TimeSpan.FromSeconds(5);

    public static TheoryData<string> EncodedFixtures()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(TestFiles.FixturesFolder).Order())
            if (ImageDecoder.DetectFormat(File.ReadAllBytes(path)) != ImageFormat.Unknown)
                data.Add(Path.GetFileName(path));
        return data;
    }

    [Theory]
    [InlineData(new byte[0], "empty")]
    [InlineData(new byte[] { 0x42 }, "not a JPEG, PNG or BMP")]
    [InlineData(new byte[] { 0x68, 0x65, 0x6C, 0x6C, 0x6F, 0x0A }, "not a JPEG, PNG or BMP")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF }, "JPEG has no image frame")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, "truncated")]
    [InlineData(new byte[] { 0x42, 0x4D, 0, 0 }, "too short")]
    public void TinyOrForeignInputIsRefusedWithReason(byte[] bytes, string reason)
    {
        var error = Assert.Throws<DataFormatException>(() => ImageDecoder.Decode(bytes, "input.bin"));

        Assert.Contains("'input.bin'", error.Message);
        Assert.Contains(reason, error.Message);
    }

    [Theory]
    [MemberData(nameof(EncodedFixtures))]
    public void EveryTruncationIsRefused(string name)
    {
        var bytes = TestFiles.ReadFixture(name);
        var cuts = Enumerable.Range(0, 16).Select(k => bytes.Length * k / 16).Concat([bytes.Length - 1, bytes.Length - 2, 2, 8, 30]).Distinct();

        foreach (var length in cuts)
        {
            var origin = $"{name}[..{length}]";
            var error = Assert.Throws<DataFormatException>(() => TimedDecode(bytes[..length], origin));
            Assert.Contains($"'{origin}'", error.Message);
        }
    }

    [Fact]
    public void TruncatedAndMutatedRealPhotosAreRefusedOrDecoded()
    {
        var random = new Random(17);
        foreach (var path in TestFiles.BirdsPlanesJpegs())
        {
            var bytes = File.ReadAllBytes(path);
            foreach (var fraction in new[] { 0.01, 0.3, 0.8, 0.999 })
                Assert.Throws<DataFormatException>(() => TimedDecode(bytes[..(int)(bytes.Length * fraction)], path));
            for (var round = 0; round < 5; round++)
            {
                var mutated = (byte[])bytes.Clone();
                mutated[random.Next(2, Math.Min(mutated.Length, 2000))] ^= (byte)(1 << random.Next(8));
                mutated[random.Next(2, mutated.Length)] = (byte)random.Next(256);
                try
                {
                    TimedDecode(mutated, path);
                }
                catch (DataFormatException e)
                {
                    Assert.Contains(path, e.Message);
                }
            }
        }
    }

    [Fact]
    public void HugeLimitStillRefusesSizesThatCannotBeAllocated()
    {
        var png = WithPngSize(TestFiles.ReadFixture("png-rgb8-filter0.png"), 2_000_000_000, 2_000_000_000);

        var error = Assert.Throws<DataFormatException>(() => ImageDecoder.Decode(png, "huge.png", new DecodeOptions { MaxPixels = long.MaxValue }));
        Assert.Contains("too large to hold in memory", error.Message);
    }

    [Fact]
    public void TruncatedJpegCanBeAcceptedWhenWarningsAreAllowed()
    {
        var bytes = File.ReadAllBytes(TestFiles.BirdsPlanesJpegs()[0]);

        var image = ImageDecoder.Decode(bytes[..(bytes.Length * 3 / 4)], "cut.jpg", new DecodeOptions { AcceptJpegWarnings = true });

        Assert.True(image.Width > 0 && image.Height > 0);
    }

    [Theory]
    [MemberData(nameof(EncodedFixtures))]
    public void RandomByteFlipsNeverEscapeAsOtherExceptions(string name)
    {
        var original = TestFiles.ReadFixture(name);
        var random = new Random(name.GetHashCode(StringComparison.Ordinal) & 0x7FFF);
        var lenient = new DecodeOptions { VerifyPngCrc = false, AcceptJpegWarnings = true };
        for (var round = 0; round < 150; round++)
        {
            var bytes = (byte[])original.Clone();
            var flips = 1 + random.Next(4);
            for (var f = 0; f < flips; f++)
                bytes[random.Next(2, bytes.Length)] ^= (byte)(1 << random.Next(8));
            foreach (var options in new[] { DecodeOptions.Default, lenient })
            {
                try
                {
                    var image = TimedDecode(bytes, name, options);
                    Assert.Equal((long)image.Height * image.Width * image.Channels, image.Pixels.LongLength);
                }
                catch (DataFormatException e)
                {
                    Assert.Contains($"'{name}'", e.Message);
                }
            }
        }
    }

    [Fact]
    public void PngDeclaringTooManyPixelsIsRefusedBeforeAllocating()
    {
        var png = WithPngSize(TestFiles.ReadFixture("png-rgb8-filter0.png"), 50_000, 50_000);

        var error = AssertRefusedWithoutAllocating(png, "bomb.png", DecodeOptions.Default);
        Assert.Contains("exceeds the limit of 100000000 pixels", error.Message);
    }

    [Fact]
    public void PngWithTooLittleDataForItsSizeIsRefusedBeforeAllocating()
    {
        var png = WithPngSize(TestFiles.ReadFixture("png-rgb8-filter0.png"), 9_000, 9_000);

        var error = AssertRefusedWithoutAllocating(png, "bomb.png", DecodeOptions.Default);
        Assert.Contains("too few", error.Message);
    }

    [Fact]
    public void JpegDeclaringTooManyPixelsIsRefusedBeforeAllocating()
    {
        var jpeg = JpegTestFiles.WithFrameSize(TestFiles.ReadFixture("jpeg-chelsea.jpg"), 60_000, 60_000);

        var error = AssertRefusedWithoutAllocating(jpeg, "bomb.jpg", DecodeOptions.Default);
        Assert.Contains("60000x60000", error.Message);
    }

    [Fact]
    public void BmpDeclaringTooManyOrMissingPixelsIsRefusedBeforeAllocating()
    {
        var bmp = TestFiles.ReadFixture("bmp-rgb24.bmp");
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(18), 100_000);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(22), -100_000);
        Assert.Contains("exceeds the limit", AssertRefusedWithoutAllocating(bmp, "bomb.bmp", DecodeOptions.Default).Message);

        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(18), 5_000);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(22), 5_000);
        Assert.Contains("truncated", AssertRefusedWithoutAllocating(bmp, "bomb.bmp", DecodeOptions.Default).Message);
    }

    [Theory]
    [InlineData("png-rgb8.png")]
    [InlineData("bmp-rgb24.bmp")]
    [InlineData("jpeg-chelsea.jpg")]
    public void PixelLimitIsConfigurable(string name)
    {
        var bytes = TestFiles.ReadFixture(name);

        var error = Assert.Throws<DataFormatException>(() => ImageDecoder.Decode(bytes, name, new DecodeOptions { MaxPixels = 100 }));
        Assert.Contains("exceeds the limit of 100 pixels", error.Message);
    }

    private static DataFormatException AssertRefusedWithoutAllocating(byte[] bytes, string origin, DecodeOptions options)
    {
        ImageDecoder.Decode(TestFiles.ReadFixture("png-rgb8.png"), "warm-up");
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<DataFormatException>(() => ImageDecoder.Decode(bytes, origin, options));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 1_000_000, $"allocated {allocated} bytes before refusing");
        Assert.Contains($"'{origin}'", error.Message);
        return error;
    }

    /// <summary>The PNG with its IHDR width and height replaced (CRC recomputed).</summary>
    private static byte[] WithPngSize(byte[] png, int width, int height)
    {
        var ihdr = png[16..29];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        return [.. png[..8], .. PngDecoderTests.PngChunk("IHDR", ihdr), .. png[33..]];
    }

    private static DeepLearningPipelines.Vision.Imaging.ImageData TimedDecode(byte[] bytes, string origin, DecodeOptions? options = null)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            return ImageDecoder.Decode(bytes, origin, options);
        }
        finally
        {
            Assert.True(watch.Elapsed < MaxDecodeTime, $"decoding {origin} took {watch.Elapsed}");
        }
    }
}
