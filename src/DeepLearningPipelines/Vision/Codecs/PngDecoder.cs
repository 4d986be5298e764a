using System.IO.Compression;
using DeepLearningPipelines.Vision.Imaging;

namespace DeepLearningPipelines.Vision.Codecs;

/// <summary>
/// PNG decoder: every colour type and bit depth, all five filters, Adam7 interlace; output is 8-bit gray, BGR or BGRA.
/// Scanlines are inflated and converted one at a time, so the raw (up to 16-bit) frame never exists in memory; with a
/// target size (<see cref="DecodeOptions.TargetWidth"/>) rows are box-averaged by an integer factor as they arrive.
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
        if (rawLength > (long)chunks.ImageData.Length * MaxDeflateRatio + 1024)
            throw DecodeFailure.Create(origin,
                $"PNG has {chunks.ImageData.Length} bytes of compressed data, too few for its declared {header.Width}x{header.Height} pixels (truncated or corrupt).");

        var writer = new PngPixelWriter(chunks, origin);
        var factor = PngBoxReducer.Factor(header.Width, header.Height, options);
        IPngRowTarget target = factor > 1
            ? new PngBoxReducer(header.Width, header.Height, writer.Channels, factor, header.Interlaced)
            : new PngFullFrame(header.Width, header.Height, writer.Channels);
        using var reservation = DecodeBudget.Shared.Reserve(target.WorkingBytes + 3 * header.RowBytes(header.Width));
        using var zlib = new ZLibStream(new MemoryStream(chunks.ImageData), CompressionMode.Decompress);
        long inflated = 0;
        foreach (var pass in passes)
        {
            var rowBytes = (int)header.RowBytes(pass.Width);
            var line = new byte[1 + rowBytes];
            var prior = new byte[1 + rowBytes];
            for (var row = 0; row < pass.Height; row++)
            {
                ReadScanline(zlib, line, ref inflated, rawLength, origin);
                var filter = line[0];
                if (!PngFilters.TryUnfilter(filter, line.AsSpan(1), prior.AsSpan(1), header.FilterStride))
                    throw DecodeFailure.Create(origin, $"PNG scanline {row} uses unknown filter type {filter}.");
                target.Write(writer, line.AsSpan(1), pass, row);
                (prior, line) = (line, prior);
            }
        }
        return target.Finish();
    }

    private static void ReadScanline(Stream zlib, byte[] line, ref long inflated, long expected, string origin)
    {
        try
        {
            var read = zlib.ReadAtLeast(line, line.Length, throwOnEndOfStream: false);
            inflated += read;
            if (read < line.Length)
                throw DecodeFailure.Create(origin, $"PNG image data is truncated: {inflated} of {expected} bytes.");
        }
        catch (Exception e) when (e is InvalidDataException or IOException) // zlib reports some corruptions as ZLibException
        {
            throw DecodeFailure.Create(origin, $"PNG image data is not a valid zlib stream ({e.Message}).", e);
        }
    }
}
