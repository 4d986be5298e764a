using DeepLearningPipelines.Core;
using DeepLearningPipelines.Vision.Imaging;

namespace DeepLearningPipelines.Vision.Codecs;

/// <summary>Decodes JPEG, PNG and BMP bytes into an <see cref="ImageData"/>, choosing the decoder by magic bytes.</summary>
public static class ImageDecoder
{
    private static long _decodes;

    /// <summary>Calls of <see cref="Decode"/> in this process so far (tests count decodes with it).</summary>
    internal static long Decodes => Interlocked.Read(ref _decodes);

    /// <summary>The format <paramref name="bytes"/> starts with, or <see cref="ImageFormat.Unknown"/>.</summary>
    public static ImageFormat DetectFormat(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF) return ImageFormat.Jpeg;
        if (bytes.StartsWith(PngDecoder.Signature)) return ImageFormat.Png;
        if (bytes.Length >= 2 && bytes[0] == (byte)'B' && bytes[1] == (byte)'M') return ImageFormat.Bmp;
        return ImageFormat.Unknown;
    }

    /// <summary>
    /// Decodes an encoded image. The result keeps the source's channels (gray → 1, colour → 3 BGR, with alpha → 4 BGRA)
    /// unless <see cref="DecodeOptions.ForceBgr"/> is set.
    /// </summary>
    /// <param name="bytes">The whole encoded file.</param>
    /// <param name="origin">Where the bytes came from (a path or URI); used in error messages.</param>
    /// <param name="options">Decoding options; <see cref="DecodeOptions.Default"/> when null.</param>
    /// <exception cref="DataFormatException">The bytes are empty, truncated, corrupt, of an unknown format, too large,
    /// or the JPEG library is not installed. The message names <paramref name="origin"/> and the reason.</exception>
    public static ImageData Decode(ReadOnlySpan<byte> bytes, string origin, DecodeOptions? options = null)
    {
        options ??= DecodeOptions.Default;
        Interlocked.Increment(ref _decodes);
        if (bytes.IsEmpty) throw DecodeFailure.Create(origin, "the file is empty.");
        var image = DetectFormat(bytes) switch
        {
            ImageFormat.Jpeg => JpegDecoder.Decode(bytes, origin, options),
            ImageFormat.Png => PngDecoder.Decode(bytes, origin, options),
            ImageFormat.Bmp => BmpDecoder.Decode(bytes, origin, options),
            _ => throw DecodeFailure.Create(origin, "not a JPEG, PNG or BMP file (unrecognised leading bytes)."),
        };
        return options.ForceBgr ? image.ToBgr() : image;
    }
}
