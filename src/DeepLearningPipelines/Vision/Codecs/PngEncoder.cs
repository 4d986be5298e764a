using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using DeepLearningPipelines.Vision.Imaging;

namespace DeepLearningPipelines.Vision.Codecs;

/// <summary>Writes 8-bit gray, BGR or BGRA images as non-interlaced PNG (gray, RGB or RGBA; Sub filter; zlib).</summary>
public static class PngEncoder
{
    /// <summary>The PNG file for <paramref name="image"/>.</summary>
    public static byte[] Encode(ImageData image, CompressionLevel level = CompressionLevel.Optimal)
    {
        var output = new MemoryStream();
        output.Write(PngDecoder.Signature);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, image.Width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), image.Height);
        header[8] = 8;
        header[9] = image.Channels switch { 1 => 0, 3 => 2, _ => 6 };
        WriteChunk(output, "IHDR", header);
        WriteChunk(output, "IDAT", CompressScanlines(image, level));
        WriteChunk(output, "IEND", []);
        return output.ToArray();
    }

    private static byte[] CompressScanlines(ImageData image, CompressionLevel level)
    {
        var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, level, leaveOpen: true))
        {
            var channels = image.Channels;
            var line = new byte[1 + image.RowBytes];
            line[0] = 1;
            var rgb = new byte[image.RowBytes];
            for (var y = 0; y < image.Height; y++)
            {
                var row = image.Row(y);
                row.CopyTo(rgb);
                if (channels >= 3)
                    for (var i = 0; i < rgb.Length; i += channels)
                        (rgb[i], rgb[i + 2]) = (rgb[i + 2], rgb[i]);
                for (var i = 0; i < rgb.Length; i++)
                    line[1 + i] = (byte)(rgb[i] - (i >= channels ? rgb[i - channels] : 0));
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
