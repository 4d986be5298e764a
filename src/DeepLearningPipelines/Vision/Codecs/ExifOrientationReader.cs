using System.Buffers.Binary;

namespace DeepLearningPipelines.Vision.Codecs;

/// <summary>Reads the Orientation tag (0x0112) of IFD0 from the payload of a JPEG APP1 "Exif" segment.</summary>
internal static class ExifOrientationReader
{
    private const ushort OrientationTag = 0x0112;
    private const ushort TypeShort = 3;

    /// <summary>Orientation 1–8, or 1 when the segment is not Exif, is malformed, or has no valid orientation.</summary>
    public static int Read(ReadOnlySpan<byte> app1)
    {
        if (app1.Length < 14 || !app1.StartsWith("Exif\0\0"u8)) return 1;
        var tiff = app1[6..];
        bool little;
        if (tiff[0] == 'I' && tiff[1] == 'I') little = true;
        else if (tiff[0] == 'M' && tiff[1] == 'M') little = false;
        else return 1;
        if (U16(tiff[2..], little) != 42) return 1;
        var ifd = U32(tiff[4..], little);
        if (ifd > (uint)tiff.Length - 2) return 1;
        var count = U16(tiff[(int)ifd..], little);
        for (var i = 0; i < count; i++)
        {
            var entry = (long)ifd + 2 + 12L * i;
            if (entry + 12 > tiff.Length) return 1;
            var e = tiff.Slice((int)entry, 12);
            if (U16(e, little) != OrientationTag) continue;
            if (U16(e[2..], little) != TypeShort || U32(e[4..], little) != 1) return 1;
            var value = U16(e[8..], little);
            return value is >= 1 and <= 8 ? value : 1;
        }
        return 1;
    }

    private static ushort U16(ReadOnlySpan<byte> b, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(b) : BinaryPrimitives.ReadUInt16BigEndian(b);

    private static uint U32(ReadOnlySpan<byte> b, bool little) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(b) : BinaryPrimitives.ReadUInt32BigEndian(b);
}
