using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Vision.Codecs;
using DeepLearningPipelines.Vision.Sources;

namespace DeepLearningPipelines.Cli.Images;

/// <summary>Reads the images named on a command line (files or folders, searched recursively) into one DataFrame.</summary>
internal static class ImageInputs
{
    /// <param name="paths">Image files and folders.</param>
    /// <param name="dropInvalid">Drop (and count) undecodable files and unreadable sub-folders instead of failing.</param>
    /// <param name="minSize">The model's input size: large images are decoded at reduced scale, never smaller than this
    /// on either axis, which bounds decode memory; null decodes at full size.</param>
    /// <returns>The images; <see cref="DataFrame.Metrics"/> holds the listing counts and
    /// <see cref="Frames.IO.DataSourceMetrics.ListingWarnings"/> to print.</returns>
    public static DataFrame Read(IReadOnlyList<string> paths, bool dropInvalid, (int Width, int Height)? minSize = null) =>
        DlpSession.Active.ReadImages(paths, Options(paths, dropInvalid, minSize));

    /// <summary>The read options of <see cref="Read"/>; fails when <paramref name="paths"/> is empty.</summary>
    public static ImageReadOptions Options(IReadOnlyList<string> paths, bool dropInvalid, (int Width, int Height)? minSize = null)
    {
        if (paths.Count == 0) throw new DataFormatException("Give at least one image file or folder.");
        var decode = minSize is var (width, height)
            ? DecodeOptions.Default with { TargetWidth = width, TargetHeight = height }
            : DecodeOptions.Default;
        return new ImageReadOptions { Recursive = true, DropInvalid = dropInvalid, Decode = decode };
    }
}
