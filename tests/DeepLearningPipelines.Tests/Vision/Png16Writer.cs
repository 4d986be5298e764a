using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Tests.Vision;

/// <summary>
/// Writes large 16-bit RGBA PNGs that compress to almost nothing: the first row holds <c>first(x, sample)</c> and every
/// later row repeats one Up-filtered delta row, so sample bytes are <c>(first + y · delta) mod 256</c> byte by byte.
/// </summary>
internal static class Png16Writer
{
    /// <summary>The PNG file; <paramref name="firstRow"/> gives the 16-bit value of sample (0 R, 1 G, 2 B, 3 A) at x in row 0,
    /// <paramref name="rowDelta"/> the bytes (high, low) added per row to each sample.</summary>
    public static byte[] Encode(int width, int height, Func<int, int, ushort> firstRow, (byte High, byte Low)[] rowDelta)
    {
        using var idat = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var row = new byte[1 + width * 8];
            for (var x = 0; x < width; x++)
                for (var s = 0; s < 4; s++)
                    BinaryPrimitives.WriteUInt16BigEndian(row.AsSpan(1 + x * 8 + s * 2), firstRow(x, s));
            zlib.Write(row);
            row[0] = 2;
            for (var x = 0; x < width; x++)
                for (var s = 0; s < 4; s++)
                    (row[1 + x * 8 + s * 2], row[2 + x * 8 + s * 2]) = rowDelta[s];
            for (var y = 1; y < height; y++) zlib.Write(row);
        }
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 16;
        header[9] = 6;
        using var file = new MemoryStream();
        file.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(file, "IHDR", header);
        Chunk(file, "IDAT", idat.ToArray());
        Chunk(file, "IEND", []);
        return file.ToArray();
    }

    /// <summary>The 8-bit value (high byte) the decoder keeps for sample <paramref name="s"/> at (x, y).</summary>
    public static byte High(Func<int, int, ushort> firstRow, (byte High, byte Low)[] rowDelta, int x, int y, int s)
    {
        return (byte)((firstRow(x, s) >> 8) + y * rowDelta[s].High); // PNG's Up filter adds byte by byte, without carry
    }

    private static void Chunk(Stream file, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        file.Write(length);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        file.Write(typeBytes);
        file.Write(data);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32.Compute(typeBytes, data));
        file.Write(crc);
    }
}
