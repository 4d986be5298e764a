using System.Buffers.Binary;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Vision.Codecs;
using static DeepLearningPipelines.Tests.Vision.FixturePatterns;

namespace DeepLearningPipelines.Tests.Vision;

public class BmpDecoderTests
{
    public static TheoryData<string, bool> Files() => new()
    {
        { "bmp-rgb24.bmp", false }, { "bmp-rgb24.bmp", true }, { "bmp-rgba32.bmp", false }, { "bmp-rgba32.bmp", true },
        { "bmp-palette8.bmp", false }, { "bmp-palette8.bmp", true }, { "bmp-gray8.bmp", false }, { "bmp-gray8.bmp", true },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void DecodesBottomUpAndTopDown(string name, bool topDown)
    {
        var bytes = TestFiles.ReadFixture(name);
        if (topDown) bytes = ToTopDown(bytes);

        var image = ImageDecoder.Decode(bytes, name);

        var (channels, pixel) = name switch
        {
            "bmp-rgb24.bmp" => (3, (Func<int, int, byte[]>)((x, y) => { var p = Rgba(x, y); return [p.B, p.G, p.R]; })),
            "bmp-rgba32.bmp" => (4, (x, y) => { var p = Rgba(x, y); return [p.B, p.G, p.R, p.A]; }),
            "bmp-palette8.bmp" => (3, (x, y) => { var c = PaletteColor(PaletteIndex(x, y, 40)); return [c.B, c.G, c.R]; }),
            _ => (1, (x, y) => [Gray(x, y)]),
        };
        Assert.Equal((Height, Width, channels), (image.Height, image.Width, image.Channels));
        Assert.Equal(Expected(channels, pixel), image.Pixels);
    }

    [Fact]
    public void RunLengthCompressionIsRefusedWithReason()
    {
        var bytes = TestFiles.ReadFixture("bmp-palette8.bmp");
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(30), 1);

        var error = Assert.Throws<DataFormatException>(() => ImageDecoder.Decode(bytes, "rle.bmp"));
        Assert.Contains("'rle.bmp'", error.Message);
        Assert.Contains("compression 1", error.Message);
    }

    /// <summary>Rewrites a bottom-up BMP as top-down: negative height and the rows in reverse order.</summary>
    private static byte[] ToTopDown(byte[] bmp)
    {
        var result = (byte[])bmp.Clone();
        var offset = BinaryPrimitives.ReadInt32LittleEndian(bmp.AsSpan(10));
        var width = BinaryPrimitives.ReadInt32LittleEndian(bmp.AsSpan(18));
        var height = BinaryPrimitives.ReadInt32LittleEndian(bmp.AsSpan(22));
        var bits = BinaryPrimitives.ReadUInt16LittleEndian(bmp.AsSpan(28));
        var stride = (width * bits + 31) / 32 * 4;
        BinaryPrimitives.WriteInt32LittleEndian(result.AsSpan(22), -height);
        for (var y = 0; y < height; y++)
            bmp.AsSpan(offset + (height - 1 - y) * stride, stride).CopyTo(result.AsSpan(offset + y * stride));
        return result;
    }
}
