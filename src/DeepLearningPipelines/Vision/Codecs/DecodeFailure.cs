using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Vision.Codecs;

/// <summary>Builds the errors decoders raise, always naming the origin and the reason, and enforces the pixel limit.</summary>
internal static class DecodeFailure
{
    public static DataFormatException Create(string origin, string reason, Exception? inner = null) =>
        new($"Cannot decode image '{origin}': {reason}", inner);

    /// <summary>Refuses sizes that are non-positive, exceed <see cref="DecodeOptions.MaxPixels"/>, or could not be held
    /// in one array at 8 bytes per pixel (16-bit RGBA).</summary>
    public static void CheckSize(long width, long height, DecodeOptions options, string origin)
    {
        if (width <= 0 || height <= 0)
            throw Create(origin, $"invalid image size {width}x{height}.");
        var pixels = (Int128)width * height; // two 32-bit dimensions can overflow a long
        if (pixels > options.MaxPixels)
            throw Create(origin,
                $"declared size {width}x{height} ({pixels} pixels) exceeds the limit of {options.MaxPixels} pixels.");
        if (pixels > Array.MaxLength / 8)
            throw Create(origin, $"declared size {width}x{height} is too large to hold in memory.");
    }
}
