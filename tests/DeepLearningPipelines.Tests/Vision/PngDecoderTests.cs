using DeepLearningPipelines.Core;
using DeepLearningPipelines.Vision.Codecs;
using static DeepLearningPipelines.Tests.Vision.FixturePatterns;

namespace DeepLearningPipelines.Tests.Vision;

public class PngDecoderTests
{
    private static byte[] Bgr(int x, int y) { var p = Rgba(x, y); return [p.B, p.G, p.R]; }
    private static byte[] Bgra(int x, int y) { var p = Rgba(x, y); return [p.B, p.G, p.R, p.A]; }
    private static byte[] GrayAlpha(int x, int y) { var g = Gray(x, y); return [g, g, g, Rgba(x, y).A]; }
    private static byte[] PaletteBgr(int x, int y, int colors) { var c = PaletteColor(PaletteIndex(x, y, colors)); return [c.B, c.G, c.R]; }

    public static TheoryData<string, int> Fixtures() => new()
    {
        { "png-rgb8.png", 3 }, { "png-rgb16.png", 3 }, { "png-rgb16-filters.png", 3 }, { "png-rgb16-adam7.png", 3 },
        { "png-rgb8-filter0.png", 3 }, { "png-rgb8-filter1.png", 3 }, { "png-rgb8-filter2.png", 3 },
        { "png-rgb8-filter3.png", 3 }, { "png-rgb8-filter4.png", 3 },
        { "png-rgba8.png", 4 }, { "png-rgba16.png", 4 }, { "png-rgba8-adam7.png", 4 },
        { "png-gray8.png", 1 }, { "png-gray16.png", 1 }, { "png-gray1.png", 1 }, { "png-gray2.png", 1 }, { "png-gray4.png", 1 },
        { "png-gray1-adam7.png", 1 }, { "png-gray2-filters.png", 1 },
        { "png-grayalpha8.png", 4 }, { "png-grayalpha16.png", 4 },
        { "png-palette1.png", 3 }, { "png-palette2.png", 3 }, { "png-palette4.png", 3 }, { "png-palette4-adam7.png", 3 },
        { "png-palette8.png", 3 }, { "png-palette8-trns.png", 4 },
        { "png-rgb8-trns.png", 4 }, { "png-gray8-trns.png", 4 }, { "png-gray16-trns.png", 4 },
    };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void DecodesEveryColourTypeDepthFilterAndInterlace(string name, int channels)
    {
        var image = ImageDecoder.Decode(TestFiles.ReadFixture(name), name);

        Assert.Equal((Height, Width, channels), (image.Height, image.Width, image.Channels));
        Assert.Equal(Expected(channels, ExpectedPixel(name)), image.Pixels);
    }

    private static Func<int, int, byte[]> ExpectedPixel(string name) => name switch
    {
        _ when name.StartsWith("png-rgba") => Bgra,
        _ when name.StartsWith("png-rgb8-trns") => (x, y) => [.. Bgr(x, y), (x, y) == (3, 2) ? (byte)0 : (byte)255],
        _ when name.StartsWith("png-rgb") => Bgr,
        _ when name.StartsWith("png-grayalpha") => GrayAlpha,
        _ when name.Contains("trns") && name.StartsWith("png-gray") =>
            (x, y) => [Gray(x, y), Gray(x, y), Gray(x, y), Gray(x, y) == Gray(3, 2) ? (byte)0 : (byte)255],
        "png-gray1.png" or "png-gray1-adam7.png" => (x, y) => [LowDepthGray(x, y, 1)],
        "png-gray2.png" or "png-gray2-filters.png" => (x, y) => [LowDepthGray(x, y, 2)],
        "png-gray4.png" => (x, y) => [LowDepthGray(x, y, 4)],
        "png-gray8.png" or "png-gray16.png" => (x, y) => [Gray(x, y)],
        "png-palette1.png" => (x, y) => PaletteBgr(x, y, 2),
        "png-palette2.png" => (x, y) => PaletteBgr(x, y, 4),
        "png-palette4.png" or "png-palette4-adam7.png" => (x, y) => PaletteBgr(x, y, 16),
        "png-palette8.png" => (x, y) => PaletteBgr(x, y, 40),
        "png-palette8-trns.png" => (x, y) =>
        {
            var index = PaletteIndex(x, y, 6);
            return [.. PaletteBgr(x, y, 6), index < PaletteAlpha.Length ? PaletteAlpha[index] : (byte)255];
        },
        _ => throw new ArgumentException(name),
    };

    [Fact]
    public void BadCrcIsRefusedUnlessCrcChecksAreOff()
    {
        var bytes = TestFiles.ReadFixture("png-rgb8-filter1.png");
        bytes[8 + 8 + 13] ^= 0x01; // first byte of the IHDR CRC

        var error = Assert.Throws<DataFormatException>(() => ImageDecoder.Decode(bytes, "crc.png"));
        Assert.Contains("CRC", error.Message);
        var image = ImageDecoder.Decode(bytes, "crc.png", new DecodeOptions { VerifyPngCrc = false });
        Assert.Equal(Expected(3, Bgr), image.Pixels);
    }

    [Fact]
    public void UnknownCriticalChunkIsRefused()
    {
        var bytes = TestFiles.ReadFixture("png-rgb8-filter0.png");
        var chunk = PngChunk("ZZZZ", [1, 2, 3]);
        var patched = bytes[..33].Concat(chunk).Concat(bytes[33..]).ToArray();

        var error = Assert.Throws<DataFormatException>(() => ImageDecoder.Decode(patched, "chunk.png"));
        Assert.Contains("critical chunk 'ZZZZ'", error.Message);
    }

    [Fact]
    public void UnknownAncillaryChunkIsSkipped()
    {
        var bytes = TestFiles.ReadFixture("png-rgb8-filter0.png");
        var patched = bytes[..33].Concat(PngChunk("zzZz", [1, 2, 3])).Concat(bytes[33..]).ToArray();

        Assert.Equal(Expected(3, Bgr), ImageDecoder.Decode(patched, "chunk.png").Pixels);
    }

    /// <summary>A PNG chunk with a correct CRC (computed bit by bit here, independently of the library).</summary>
    internal static byte[] PngChunk(string type, byte[] data)
    {
        var typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
        var result = new byte[12 + data.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(result, data.Length);
        typeBytes.CopyTo(result, 4);
        data.CopyTo(result, 8);
        var crc = 0xFFFFFFFFu;
        foreach (var b in typeBytes.Concat(data))
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        crc ^= 0xFFFFFFFFu;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(result.AsSpan(8 + data.Length), crc);
        return result;
    }
}
