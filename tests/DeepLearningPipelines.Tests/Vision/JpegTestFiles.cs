using System.Buffers.Binary;

namespace DeepLearningPipelines.Tests.Vision;

/// <summary>Builds JPEG variants for tests: EXIF orientation segments and patched frame sizes.</summary>
internal static class JpegTestFiles
{
    /// <summary>The JPEG with an APP1 Exif segment holding only IFD0 tag 0x0112 = <paramref name="orientation"/>, inserted after SOI.</summary>
    public static byte[] WithOrientation(byte[] jpeg, int orientation, bool bigEndian)
    {
        var tiff = new byte[8 + 2 + 12 + 4];
        void U16(int at, int v) { if (bigEndian) BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(at), (ushort)v); else BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(at), (ushort)v); }
        void U32(int at, int v) { if (bigEndian) BinaryPrimitives.WriteInt32BigEndian(tiff.AsSpan(at), v); else BinaryPrimitives.WriteInt32LittleEndian(tiff.AsSpan(at), v); }
        tiff[0] = tiff[1] = bigEndian ? (byte)'M' : (byte)'I';
        U16(2, 42);
        U32(4, 8);
        U16(8, 1);
        U16(10, 0x0112);
        U16(12, 3);
        U32(14, 1);
        U16(18, orientation);
        byte[] payload = [.. "Exif\0\0"u8, .. tiff];
        var segment = new byte[4 + payload.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(payload.Length + 2));
        payload.CopyTo(segment, 4);
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    /// <summary>The JPEG with its SOF0/SOF2 frame header declaring <paramref name="width"/> × <paramref name="height"/>.</summary>
    public static byte[] WithFrameSize(byte[] jpeg, int width, int height)
    {
        var result = (byte[])jpeg.Clone();
        for (var i = 2; i + 9 < result.Length; i++)
        {
            if (result[i] != 0xFF || result[i + 1] is not (0xC0 or 0xC2)) continue;
            BinaryPrimitives.WriteUInt16BigEndian(result.AsSpan(i + 5), (ushort)height);
            BinaryPrimitives.WriteUInt16BigEndian(result.AsSpan(i + 7), (ushort)width);
            return result;
        }
        throw new ArgumentException("No SOF0/SOF2 marker found.");
    }
}
