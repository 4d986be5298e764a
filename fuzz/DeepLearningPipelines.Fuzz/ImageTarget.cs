using DeepLearningPipelines.Vision.Codecs;

namespace DeepLearningPipelines.Fuzz;

/// <summary>Decodes an image of one format; inputs of another format are skipped so each target stays on its decoder.</summary>
internal static class ImageTarget
{
    // CRCs are not checked so mutations reach the chunk parsers; the pixel cap keeps each run fast and bounded in memory.
    private static readonly DecodeOptions Full = new() { MaxPixels = 1 << 22, VerifyPngCrc = false, AcceptJpegWarnings = true };

    // The JPEG path with DCT scaling, forced BGR and no EXIF rotation.
    private static readonly DecodeOptions Scaled = Full with { ForceBgr = true, TargetWidth = 8, TargetHeight = 8, ApplyExifOrientation = false };

    public static void Run(byte[] data, ImageFormat format)
    {
        if (ImageDecoder.DetectFormat(data) != format) return;
        ImageDecoder.Decode(data, "fuzz-input", Full);
        if (format == ImageFormat.Jpeg) ImageDecoder.Decode(data, "fuzz-input", Scaled);
    }
}
