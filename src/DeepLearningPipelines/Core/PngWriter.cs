using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace DeepLearningPipelines.Core;

/// <summary>Writes 8-bit gray, RGB or RGBA pixels as a non-interlaced PNG (Sub filter, zlib): pictures and test images.</summary>
internal static class PngWriter
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The PNG file for <paramref name="height"/> rows of <paramref name="width"/> pixels of <paramref name="channels"/> interleaved bytes.</summary>
    public static byte[] Encode(int width, int height, int channels, ReadOnlySpan<byte> pixels, CompressionLevel level = CompressionLevel.Optimal)
    {
        if (channels is not (1 or 3 or 4)) throw new ArgumentOutOfRangeException(nameof(channels), "PNG output needs 1, 3 or 4 channels.");
        if (pixels.Length != width * height * channels) throw new ArgumentException($"Expected {width * height * channels} pixel bytes, got {pixels.Length}.", nameof(pixels));
        var output = new MemoryStream();
        output.Write(Signature);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        header[9] = channels switch { 1 => 0, 3 => 2, _ => 6 };
        WriteChunk(output, "IHDR", header);
        WriteChunk(output, "IDAT", Compress(width, height, channels, pixels, level));
        WriteChunk(output, "IEND", []);
        return output.ToArray();
    }

    private static byte[] Compress(int width, int height, int channels, ReadOnlySpan<byte> pixels, CompressionLevel level)
    {
        var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, level, leaveOpen: true))
        {
            int rowBytes = width * channels;
            var line = new byte[1 + rowBytes];
            line[0] = 1;
            for (int y = 0; y < height; y++)
            {
                var row = pixels.Slice(y * rowBytes, rowBytes);
                for (int i = 0; i < rowBytes; i++) line[1 + i] = (byte)(row[i] - (i >= channels ? row[i - channels] : 0));
                zlib.Write(line);
            }
        }
        return compressed.ToArray();
    }

    private static void WriteChunk(Stream output, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        output.Write(typeBytes);
        output.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.Compute(typeBytes, data));
        output.Write(word);
    }
}
