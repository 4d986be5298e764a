using System.Buffers.Binary;

namespace DeepLearningPipelines.Vision.Codecs;

/// <summary>What the JPEG decoder needs from the marker segments before the first scan.</summary>
/// <param name="Orientation">EXIF orientation 1–8 (1 when absent).</param>
/// <param name="HasAdobeMarker">An Adobe APP14 segment is present (its CMYK data is stored inverted).</param>
/// <param name="Progressive">The frame is progressive (SOF2, SOF6, SOF10, SOF14): the decoder buffers every DCT coefficient.</param>
internal readonly record struct JpegMetadata(int Orientation, bool HasAdobeMarker, bool Progressive)
{
    /// <summary>Scans the segments from SOI to the first SOS; stops quietly at anything malformed.</summary>
    public static JpegMetadata Read(ReadOnlySpan<byte> jpeg)
    {
        int orientation = 1;
        bool exifSeen = false, adobe = false, progressive = false;
        var pos = 2;
        while (pos + 4 <= jpeg.Length && jpeg[pos] == 0xFF)
        {
            var marker = jpeg[pos + 1];
            if (marker == 0xFF) { pos++; continue; }
            if (marker is 0xD9 or 0xDA) break;
            if (marker is 0x01 or >= 0xD0 and <= 0xD7) { pos += 2; continue; }
            var length = BinaryPrimitives.ReadUInt16BigEndian(jpeg[(pos + 2)..]);
            if (length < 2 || pos + 2 + length > jpeg.Length) break;
            var payload = jpeg.Slice(pos + 4, length - 2);
            progressive |= marker is 0xC2 or 0xC6 or 0xCA or 0xCE;
            if (marker == 0xE1 && !exifSeen && payload.StartsWith("Exif\0\0"u8))
            {
                exifSeen = true;
                orientation = ExifOrientationReader.Read(payload);
            }
            else if (marker == 0xEE && payload.StartsWith("Adobe"u8))
            {
                adobe = true;
            }
            pos += 2 + length;
        }
        return new JpegMetadata(orientation, adobe, progressive);
    }
}
