using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Vision.Sources;

namespace DeepLearningPipelines.Cli.Images;

/// <summary>Reads the images named on a command line (files or folders) into one DataFrame.</summary>
internal static class ImageInputs
{
    public static DataFrame Read(IReadOnlyList<string> paths, bool dropInvalid)
    {
        if (paths.Count == 0) throw new DataFormatException("Give at least one image file or folder.");
        var options = new ImageReadOptions { Recursive = true, DropInvalid = dropInvalid };
        return paths.Select(p => DlpSession.Active.ReadImages(p, options)).Aggregate((a, b) => a.Union(b));
    }
}
