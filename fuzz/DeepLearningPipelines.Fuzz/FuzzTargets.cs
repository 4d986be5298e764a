using DeepLearningPipelines.Core;
using DeepLearningPipelines.Vision.Codecs;

namespace DeepLearningPipelines.Fuzz;

/// <summary>The fuzz targets by name; each feeds one input to one loader of the library.</summary>
internal static class FuzzTargets
{
    public static IReadOnlyDictionary<string, Action<byte[]>> All { get; } = new Dictionary<string, Action<byte[]>>(StringComparer.Ordinal)
    {
        ["jpeg"] = data => ImageTarget.Run(data, ImageFormat.Jpeg),
        ["png"] = data => ImageTarget.Run(data, ImageFormat.Png),
        ["bmp"] = data => ImageTarget.Run(data, ImageFormat.Bmp),
        ["onnx"] = OnnxTarget.Run,
        ["tfjs"] = TfjsTarget.Run,
        ["h5"] = Hdf5Target.Run,
        ["csv"] = CsvTarget.Run,
    };

    /// <summary>
    /// Runs <paramref name="target"/>; the library's own errors (<see cref="DlpException"/> and subclasses) are the
    /// expected answer to a malformed input, so they are swallowed. Any other exception escapes and is a finding.
    /// </summary>
    public static void RunExpectingOnlyDlpErrors(Action<byte[]> target, byte[] data)
    {
        try
        {
            target(data);
        }
        catch (DlpException)
        {
        }
    }
}
