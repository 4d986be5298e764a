using System.Buffers.Binary;
using DeepLearningPipelines.Vision.Imaging;

namespace DeepLearningPipelines.Vision.Codecs;

/// <summary>
/// Windows bitmap decoder for uncompressed 24-bit, 32-bit (BI_RGB or BGRA bit fields) and 8-bit palette images,
/// bottom-up or top-down. A palette of only grays gives a 1-channel image; 32-bit with an alpha mask gives BGRA.
/// </summary>
internal static class BmpDecoder
{
    private const int FileHeaderSize = 14;
    private const int BiRgb = 0, BiBitFields = 3;

    public static ImageData Decode(ReadOnlySpan<byte> file, string origin, DecodeOptions options)
    {
        if (file.Length < FileHeaderSize + 40) throw DecodeFailure.Create(origin, "BMP file is too short for its headers.");
        var pixelOffset = BinaryPrimitives.ReadUInt32LittleEndian(file[10..]);
        var infoSize = BinaryPrimitives.ReadUInt32LittleEndian(file[14..]);
        if (infoSize is not (40 or 52 or 56 or 108 or 124))
            throw DecodeFailure.Create(origin, $"BMP info header size {infoSize} is not supported.");
        var info = file[FileHeaderSize..];
        var width = BinaryPrimitives.ReadInt32LittleEndian(info[4..]);
        var rawHeight = BinaryPrimitives.ReadInt32LittleEndian(info[8..]);
        var bitCount = BinaryPrimitives.ReadUInt16LittleEndian(info[14..]);
        var compression = BinaryPrimitives.ReadUInt32LittleEndian(info[16..]);
        var colorsUsed = BinaryPrimitives.ReadUInt32LittleEndian(info[32..]);
        var topDown = rawHeight < 0;
        var height = Math.Abs((long)rawHeight);
        DecodeFailure.CheckSize(width, height, options, origin);

        var hasAlpha = false;
        if (bitCount is not (8 or 24 or 32))
            throw DecodeFailure.Create(origin, $"BMP bit depth {bitCount} is not supported (only 8, 24 and 32).");
        if (compression == BiBitFields && bitCount == 32)
            hasAlpha = ReadBitFields(file, infoSize, origin);
        else if (compression != BiRgb)
            throw DecodeFailure.Create(origin, $"BMP compression {compression} is not supported (only uncompressed).");

        byte[]? palette = null;
        if (bitCount == 8)
            palette = ReadPalette(file, infoSize, colorsUsed, origin);

        var stride = ((long)width * bitCount + 31) / 32 * 4;
        if (pixelOffset > file.Length || stride * height > file.Length - pixelOffset)
            throw DecodeFailure.Create(origin,
                $"BMP pixel data is truncated: needs {stride * height} bytes at offset {pixelOffset}, file has {file.Length}.");

        var gray = palette is not null && IsGray(palette);
        var channels = gray ? 1 : hasAlpha ? 4 : 3;
        var image = new ImageData((int)height, width, channels);
        for (var y = 0; y < height; y++)
        {
            var sourceRow = topDown ? y : height - 1 - y;
            var src = file.Slice((int)(pixelOffset + sourceRow * stride), (int)stride);
            var dst = image.Row(y);
            if (palette is not null) WritePaletteRow(src, dst, palette, width, gray, origin);
            else WriteDirectRow(src, dst, width, bitCount / 8, channels);
        }
        return image;
    }

    /// <summary>Checks the masks are the standard BGR(A) layout and tells whether an alpha mask is present.</summary>
    private static bool ReadBitFields(ReadOnlySpan<byte> file, uint infoSize, string origin)
    {
        var masks = file[(FileHeaderSize + 40)..];
        var needed = infoSize >= 56 ? 16 : 12;
        if (masks.Length < needed) throw DecodeFailure.Create(origin, "BMP bit-field masks are truncated.");
        var red = BinaryPrimitives.ReadUInt32LittleEndian(masks);
        var green = BinaryPrimitives.ReadUInt32LittleEndian(masks[4..]);
        var blue = BinaryPrimitives.ReadUInt32LittleEndian(masks[8..]);
        var alpha = needed == 16 ? BinaryPrimitives.ReadUInt32LittleEndian(masks[12..]) : 0;
        if (red != 0x00FF0000 || green != 0x0000FF00 || blue != 0x000000FF || alpha is not (0 or 0xFF000000))
            throw DecodeFailure.Create(origin,
                $"BMP bit-field masks R={red:X8} G={green:X8} B={blue:X8} A={alpha:X8} are not supported (only BGRA byte order).");
        return alpha != 0;
    }

    /// <summary>Palette as B,G,R triples.</summary>
    private static byte[] ReadPalette(ReadOnlySpan<byte> file, uint infoSize, uint colorsUsed, string origin)
    {
        var count = colorsUsed == 0 ? 256 : colorsUsed;
        if (count > 256) throw DecodeFailure.Create(origin, $"BMP palette declares {colorsUsed} colours (at most 256).");
        var start = FileHeaderSize + (long)infoSize;
        if (start + count * 4 > file.Length) throw DecodeFailure.Create(origin, "BMP palette is truncated.");
        var palette = new byte[count * 3];
        for (var i = 0; i < count; i++)
            file.Slice((int)(start + i * 4), 3).CopyTo(palette.AsSpan(i * 3));
        return palette;
    }

    private static bool IsGray(byte[] palette)
    {
        for (var i = 0; i < palette.Length; i += 3)
            if (palette[i] != palette[i + 1] || palette[i] != palette[i + 2]) return false;
        return true;
    }

    private static void WritePaletteRow(ReadOnlySpan<byte> src, Span<byte> dst, byte[] palette, int width, bool gray, string origin)
    {
        for (var x = 0; x < width; x++)
        {
            var entry = src[x] * 3;
            if (entry >= palette.Length)
                throw DecodeFailure.Create(origin, $"BMP palette index {src[x]} is outside the {palette.Length / 3}-entry palette.");
            if (gray)
            {
                dst[x] = palette[entry];
                continue;
            }
            palette.AsSpan(entry, 3).CopyTo(dst[(x * 3)..]);
        }
    }

    private static void WriteDirectRow(ReadOnlySpan<byte> src, Span<byte> dst, int width, int sourceBytes, int channels)
    {
        if (sourceBytes == channels)
        {
            src[..(width * channels)].CopyTo(dst);
            return;
        }
        for (var x = 0; x < width; x++)
            src.Slice(x * sourceBytes, 3).CopyTo(dst[(x * 3)..]);
    }
}
