using System.Buffers.Binary;

namespace DeepLearningPipelines.Vision.Codecs;

/// <summary>
/// Converts unfiltered PNG scanlines to 8-bit gray / BGR / BGRA pixels: 16-bit samples keep their high byte,
/// 1/2/4-bit gray is scaled to 0..255, palettes are looked up, and tRNS becomes an alpha channel.
/// </summary>
internal sealed class PngPixelWriter
{
    private readonly PngHeader _header;
    private readonly byte[] _palette;
    private readonly byte[]? _transparency;
    private readonly string _origin;
    private readonly int _maxSample;

    public PngPixelWriter(PngChunks chunks, string origin)
    {
        _header = chunks.Header;
        _palette = chunks.Palette;
        _transparency = chunks.Transparency;
        _origin = origin;
        _maxSample = (1 << _header.BitDepth) - 1;
        Channels = OutputChannels(chunks);
    }

    /// <summary>Channels of the decoded image: 1 for gray, 3 for colour, 4 when there is alpha or tRNS.</summary>
    public int Channels { get; }

    public static int OutputChannels(PngChunks chunks) => chunks.Header.ColorType switch
    {
        PngHeader.Gray => chunks.Transparency is null ? 1 : 4,
        PngHeader.Rgb or PngHeader.Palette => chunks.Transparency is null ? 3 : 4,
        _ => 4,
    };

    /// <summary>Converts the first <paramref name="width"/> pixels of an unfiltered scanline into
    /// <paramref name="output"/> (<paramref name="width"/> × <see cref="Channels"/> bytes).</summary>
    public void WriteRow(ReadOnlySpan<byte> scanline, int width, Span<byte> output)
    {
        if (_header.BitDepth == 8 && _transparency is null && _header.ColorType != PngHeader.Palette)
        {
            WriteWholeRow8(scanline, output[..(width * Channels)]);
            return;
        }
        for (var i = 0; i < width; i++)
        {
            var o = i * Channels;
            switch (_header.ColorType)
            {
                case PngHeader.Gray: WriteGray(scanline, i, output, o); break;
                case PngHeader.Rgb: WriteRgb(scanline, i, output, o); break;
                case PngHeader.Palette: WritePalette(scanline, i, output, o); break;
                case PngHeader.GrayAlpha: WriteGrayAlpha(scanline, i, output, o); break;
                default: WriteRgba(scanline, i, output, o); break;
            }
        }
    }

    /// <summary>Fast path for a full row of 8-bit gray, gray+alpha, RGB or RGBA samples without tRNS.</summary>
    private void WriteWholeRow8(ReadOnlySpan<byte> line, Span<byte> output)
    {
        switch (_header.ColorType)
        {
            case PngHeader.Gray:
                line[..output.Length].CopyTo(output);
                break;
            case PngHeader.GrayAlpha:
                for (int i = 0, o = 0; o < output.Length; i += 2, o += 4)
                {
                    output[o] = output[o + 1] = output[o + 2] = line[i];
                    output[o + 3] = line[i + 1];
                }
                break;
            default:
                line[..output.Length].CopyTo(output);
                for (var o = 0; o < output.Length; o += Channels)
                    (output[o], output[o + 2]) = (output[o + 2], output[o]);
                break;
        }
    }

    private void WriteGray(ReadOnlySpan<byte> line, int x, Span<byte> output, int o)
    {
        var raw = RawSample(line, x);
        var gray = _header.BitDepth == 16 ? raw >> 8 : raw * 255 / _maxSample;
        if (Channels == 1)
        {
            output[o] = (byte)gray;
            return;
        }
        output[o] = output[o + 1] = output[o + 2] = (byte)gray;
        output[o + 3] = raw == BinaryPrimitives.ReadUInt16BigEndian(_transparency!) ? (byte)0 : (byte)255;
    }

    private void WriteRgb(ReadOnlySpan<byte> line, int x, Span<byte> output, int o)
    {
        int r = RawSample(line, 3 * x), g = RawSample(line, 3 * x + 1), b = RawSample(line, 3 * x + 2);
        var shift = _header.BitDepth == 16 ? 8 : 0;
        output[o] = (byte)(b >> shift);
        output[o + 1] = (byte)(g >> shift);
        output[o + 2] = (byte)(r >> shift);
        if (Channels == 4)
        {
            var key = _transparency.AsSpan();
            var transparent = r == BinaryPrimitives.ReadUInt16BigEndian(key)
                              && g == BinaryPrimitives.ReadUInt16BigEndian(key[2..])
                              && b == BinaryPrimitives.ReadUInt16BigEndian(key[4..]);
            output[o + 3] = transparent ? (byte)0 : (byte)255;
        }
    }

    private void WritePalette(ReadOnlySpan<byte> line, int x, Span<byte> output, int o)
    {
        var index = RawSample(line, x);
        if (index * 3 >= _palette.Length)
            throw DecodeFailure.Create(_origin, $"PNG palette index {index} is outside the {_palette.Length / 3}-entry palette.");
        output[o] = _palette[index * 3 + 2];
        output[o + 1] = _palette[index * 3 + 1];
        output[o + 2] = _palette[index * 3];
        if (Channels == 4)
            output[o + 3] = index < _transparency!.Length ? _transparency[index] : (byte)255;
    }

    private void WriteGrayAlpha(ReadOnlySpan<byte> line, int x, Span<byte> output, int o)
    {
        var shift = _header.BitDepth == 16 ? 8 : 0;
        var gray = (byte)(RawSample(line, 2 * x) >> shift);
        output[o] = output[o + 1] = output[o + 2] = gray;
        output[o + 3] = (byte)(RawSample(line, 2 * x + 1) >> shift);
    }

    private void WriteRgba(ReadOnlySpan<byte> line, int x, Span<byte> output, int o)
    {
        var shift = _header.BitDepth == 16 ? 8 : 0;
        output[o] = (byte)(RawSample(line, 4 * x + 2) >> shift);
        output[o + 1] = (byte)(RawSample(line, 4 * x + 1) >> shift);
        output[o + 2] = (byte)(RawSample(line, 4 * x) >> shift);
        output[o + 3] = (byte)(RawSample(line, 4 * x + 3) >> shift);
    }

    /// <summary>The <paramref name="index"/>-th sample of a scanline at the image's bit depth, unscaled.</summary>
    private int RawSample(ReadOnlySpan<byte> line, int index)
    {
        var depth = _header.BitDepth;
        switch (depth)
        {
            case 8: return line[index];
            case 16: return BinaryPrimitives.ReadUInt16BigEndian(line[(2 * index)..]);
            default:
                var bit = index * depth;
                return (line[bit >> 3] >> (8 - depth - (bit & 7))) & _maxSample;
        }
    }
}
