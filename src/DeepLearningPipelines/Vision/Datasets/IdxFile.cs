using System.Buffers.Binary;
using System.IO.Compression;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Vision.Datasets;

/// <summary>
/// Reads IDX files (the MNIST / Fashion-MNIST format), plain or gzip-compressed: two zero bytes, a type code, the
/// number of dimensions, each dimension as a big-endian 32-bit integer, then the values in C order. Only unsigned-byte
/// data (type 0x08) is read; anything that does not match the header (a short or long file, a bad magic, a corrupt
/// gzip stream) fails with a <see cref="DataFormatException"/> naming the file and what is wrong.
/// </summary>
public static class IdxFile
{
    private const byte UnsignedByte = 0x08;

    /// <summary>The shape and bytes of <paramref name="path"/> (gzip-compressed when it starts with gzip's magic).</summary>
    public static IdxArray Read(string path)
    {
        if (!File.Exists(path)) throw new DataFormatException($"IDX file {path} does not exist.");
        try
        {
            using var file = File.OpenRead(path);
            bool gzip = file.ReadByte() == 0x1f & file.ReadByte() == 0x8b;
            file.Position = 0;
            using Stream stream = gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
            return Read(stream, path);
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException($"IDX file {path}: the gzip stream is corrupt ({e.Message}).", e);
        }
        catch (IOException e)
        {
            throw new DataFormatException($"IDX file {path}: cannot read it ({e.Message}).", e);
        }
    }

    /// <summary>Reads one IDX array from <paramref name="stream"/>; <paramref name="source"/> names it in errors.</summary>
    public static IdxArray Read(Stream stream, string source)
    {
        Span<byte> magic = stackalloc byte[4];
        if (stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false) < 4)
            throw new DataFormatException($"IDX file {source} is shorter than its 4-byte header.");
        if (magic[0] != 0 || magic[1] != 0)
            throw new DataFormatException($"IDX file {source} does not start with two zero bytes (found 0x{magic[0]:X2} 0x{magic[1]:X2}); it is not an IDX file.");
        if (magic[2] != UnsignedByte)
            throw new DataFormatException($"IDX file {source} holds values of type 0x{magic[2]:X2} ({TypeName(magic[2])}); only unsigned bytes (0x08) are read.");
        int rank = magic[3];
        if (rank == 0) throw new DataFormatException($"IDX file {source} declares 0 dimensions.");
        var dims = new byte[4 * rank];
        if (stream.ReadAtLeast(dims, dims.Length, throwOnEndOfStream: false) < dims.Length)
            throw new DataFormatException($"IDX file {source} ends inside its header: {rank} dimension sizes need {dims.Length} bytes.");
        var shape = new int[rank];
        long count = 1;
        for (int d = 0; d < rank; d++)
        {
            shape[d] = BinaryPrimitives.ReadInt32BigEndian(dims.AsSpan(4 * d));
            if (shape[d] < 0) throw new DataFormatException($"IDX file {source}: dimension {d} has a negative size {shape[d]}.");
            count *= shape[d];
            if (count > Array.MaxLength) throw new DataFormatException($"IDX file {source}: shape {Format(shape[..(d + 1)])} is larger than one array can hold.");
        }
        var data = new byte[count];
        int read = stream.ReadAtLeast(data, data.Length, throwOnEndOfStream: false);
        if (read < data.Length)
            throw new DataFormatException($"IDX file {source} is truncated: its header says {Format(shape)} = {count:N0} bytes of data, but only {read:N0} follow.");
        if (stream.ReadByte() >= 0)
            throw new DataFormatException($"IDX file {source} has data after the {count:N0} bytes its header {Format(shape)} declares.");
        return new IdxArray(shape, data);
    }

    private static string Format(int[] shape) => string.Join("×", shape);

    private static string TypeName(byte code) => code switch
    {
        0x09 => "signed byte",
        0x0B => "16-bit integer",
        0x0C => "32-bit integer",
        0x0D => "32-bit float",
        0x0E => "64-bit float",
        _ => "not an IDX type",
    };
}

/// <summary>An IDX array of unsigned bytes: its shape and values in C order.</summary>
public sealed record IdxArray(int[] Shape, byte[] Data);
