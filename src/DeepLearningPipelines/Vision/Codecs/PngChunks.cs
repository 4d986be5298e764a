using DeepLearningPipelines.Core;
using System.Buffers.Binary;
using System.Text;

namespace DeepLearningPipelines.Vision.Codecs;

/// <summary>The chunks of a PNG file that decoding needs, after validating lengths, order and (optionally) CRCs.</summary>
internal sealed class PngChunks
{
    public PngHeader Header { get; private init; }

    /// <summary>PLTE entries as R,G,B triples; empty when absent.</summary>
    public byte[] Palette { get; private init; } = [];

    /// <summary>The tRNS chunk's raw bytes, or null when absent.</summary>
    public byte[]? Transparency { get; private init; }

    /// <summary>The concatenated IDAT payloads (one zlib stream).</summary>
    public byte[] ImageData { get; private init; } = [];

    public static PngChunks Read(ReadOnlySpan<byte> file, string origin, DecodeOptions options)
    {
        PngHeader? header = null;
        byte[] palette = [];
        byte[]? transparency = null;
        var idat = new MemoryStream();
        var pos = PngDecoder.Signature.Length;
        while (true)
        {
            if (file.Length - pos < 12)
                throw DecodeFailure.Create(origin, $"PNG truncated at offset {pos}: chunk header missing before IEND.");
            var length = BinaryPrimitives.ReadUInt32BigEndian(file[pos..]);
            var typeBytes = file.Slice(pos + 4, 4);
            var type = Encoding.ASCII.GetString(typeBytes);
            if (length > (uint)(file.Length - pos - 12))
                throw DecodeFailure.Create(origin,
                    $"PNG chunk '{type}' at offset {pos} declares {length} bytes but only {file.Length - pos - 12} remain (truncated or corrupt).");
            var data = file.Slice(pos + 8, (int)length);
            if (options.VerifyPngCrc &&
                Crc32.Compute(typeBytes, data) != BinaryPrimitives.ReadUInt32BigEndian(file[(pos + 8 + (int)length)..]))
                throw DecodeFailure.Create(origin, $"PNG chunk '{type}' at offset {pos} has a bad CRC (corrupt file).");
            pos += 12 + (int)length;

            if (header is null && type != "IHDR")
                throw DecodeFailure.Create(origin, $"PNG does not start with an IHDR chunk (found '{type}').");
            switch (type)
            {
                case "IHDR":
                    if (header is not null) throw DecodeFailure.Create(origin, "PNG has more than one IHDR chunk.");
                    header = ReadHeader(data, origin, options);
                    break;
                case "PLTE":
                    if (length == 0 || length % 3 != 0 || length > 768)
                        throw DecodeFailure.Create(origin, $"PNG palette has invalid length {length}.");
                    palette = data.ToArray();
                    break;
                case "tRNS":
                    transparency = data.ToArray();
                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
                case "IEND":
                    return Validate(new PngChunks
                    {
                        Header = header!.Value, Palette = palette, Transparency = transparency, ImageData = idat.ToArray(),
                    }, origin);
                default:
                    if ((typeBytes[0] & 0x20) == 0)
                        throw DecodeFailure.Create(origin, $"PNG has unknown critical chunk '{type}'.");
                    break;
            }
        }
    }

    private static PngHeader ReadHeader(ReadOnlySpan<byte> data, string origin, DecodeOptions options)
    {
        if (data.Length != 13) throw DecodeFailure.Create(origin, $"PNG IHDR has length {data.Length}, expected 13.");
        var width = BinaryPrimitives.ReadUInt32BigEndian(data);
        var height = BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
        DecodeFailure.CheckSize(width, height, options, origin);
        var header = new PngHeader((int)width, (int)height, data[8], data[9], data[12] == 1);
        if (!header.IsValidCombination)
            throw DecodeFailure.Create(origin, $"PNG colour type {data[9]} with bit depth {data[8]} is not valid.");
        if (data[10] != 0 || data[11] != 0 || data[12] > 1)
            throw DecodeFailure.Create(origin,
                $"PNG uses unknown compression {data[10]}, filter method {data[11]} or interlace method {data[12]}.");
        return header;
    }

    private static PngChunks Validate(PngChunks chunks, string origin)
    {
        var header = chunks.Header;
        if (chunks.ImageData.Length == 0) throw DecodeFailure.Create(origin, "PNG has no IDAT chunk.");
        if (header.ColorType == PngHeader.Palette && chunks.Palette.Length == 0)
            throw DecodeFailure.Create(origin, "PNG palette image has no PLTE chunk.");
        if (chunks.Transparency is { } trns)
        {
            var valid = header.ColorType switch
            {
                PngHeader.Gray => trns.Length == 2,
                PngHeader.Rgb => trns.Length == 6,
                PngHeader.Palette => trns.Length <= chunks.Palette.Length / 3,
                _ => false,
            };
            if (!valid)
                throw DecodeFailure.Create(origin, $"PNG tRNS chunk of {trns.Length} bytes does not fit colour type {header.ColorType}.");
        }
        return chunks;
    }
}
