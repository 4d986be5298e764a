using System.IO.Compression;
using DeepLearningPipelines.Vision.Imaging;

namespace DeepLearningPipelines.Vision.Codecs;

/// <summary>
/// PNG decoder: every colour type and bit depth, all five filters, Adam7 interlace; output is 8-bit gray, BGR or BGRA.
/// </summary>
internal static class PngDecoder
{
    /// <summary>Deflate cannot expand data by more than about 1032:1, so less input than this ratio allows is incomplete.</summary>
    private const long MaxDeflateRatio = 1040;

    public static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static ImageData Decode(ReadOnlySpan<byte> file, string origin, DecodeOptions options)
    {
        var chunks = PngChunks.Read(file, origin, options);
        var header = chunks.Header;
        var passes = Adam7.Passes(header.Width, header.Height, header.Interlaced).ToArray();
        var rawLength = passes.Sum(p => p.Height * (1 + header.RowBytes(p.Width)));
        if (rawLength > Array.MaxLength) throw DecodeFailure.Create(origin, "PNG image data is too large to decode.");
        if (rawLength > (long)chunks.ImageData.Length * MaxDeflateRatio + 1024)
            throw DecodeFailure.Create(origin,
                $"PNG has {chunks.ImageData.Length} bytes of compressed data, too few for its declared {header.Width}x{header.Height} pixels (truncated or corrupt).");
        var raw = Inflate(chunks.ImageData, (int)rawLength, origin);

        var pixels = new byte[(long)header.Width * header.Height * PngPixelWriter.OutputChannels(chunks)];
        var writer = new PngPixelWriter(chunks, pixels, origin);
        var offset = 0;
        foreach (var pass in passes)
        {
            var rowBytes = (int)header.RowBytes(pass.Width);
            var zeros = new byte[rowBytes];
            ReadOnlySpan<byte> prior = zeros;
            for (var row = 0; row < pass.Height; row++)
            {
                var filter = raw[offset];
                var line = raw.AsSpan(offset + 1, rowBytes);
                if (!PngFilters.TryUnfilter(filter, line, prior, header.FilterStride))
                    throw DecodeFailure.Create(origin, $"PNG scanline {row} uses unknown filter type {filter}.");
                writer.WriteRow(line, pass, row);
                prior = line;
                offset += 1 + rowBytes;
            }
        }
        return new ImageData(header.Height, header.Width, writer.Channels, pixels);
    }

    private static byte[] Inflate(byte[] compressed, int expectedLength, string origin)
    {
        var raw = new byte[expectedLength];
        try
        {
            using var zlib = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress);
            var read = zlib.ReadAtLeast(raw, expectedLength, throwOnEndOfStream: false);
            if (read < expectedLength)
                throw DecodeFailure.Create(origin, $"PNG image data is truncated: {read} of {expectedLength} bytes.");
        }
        catch (Exception e) when (e is InvalidDataException or IOException) // zlib reports some corruptions as ZLibException
        {
            throw DecodeFailure.Create(origin, $"PNG image data is not a valid zlib stream ({e.Message}).", e);
        }
        return raw;
    }
}
