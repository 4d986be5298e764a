using System.CommandLine;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Vision.Stages;

namespace DeepLearningPipelines.Cli.Images;

/// <summary>
/// <c>--cache DIR</c> of the image commands: a folder that keeps model outputs between runs, keyed by the SHA-256 of
/// each file's bytes, the model's weights and the settings, so that a file seen before is read and hashed, not decoded.
/// </summary>
internal static class FeatureCacheOption
{
    /// <summary>Creates the option with its help text.</summary>
    public static Option<string?> Create() => new("--cache")
    {
        Description = "Folder that keeps model outputs between runs, keyed by the SHA-256 of each file's bytes, the model's weights and the " +
                      "settings: a file seen before is read and hashed, not decoded. Not cleaned up: delete it to reclaim space",
    };

    /// <summary>
    /// Points <paramref name="session"/>'s feature cache at the folder given, if any, keeping nothing in memory (each
    /// file is seen once per run); returns whether the command should use the cache.
    /// </summary>
    public static bool Apply(ParseResult parse, Option<string?> option, DlpSession session)
    {
        if (parse.GetValue(option) is not { } folder) return false;
        var cache = FeatureCache.For(session);
        cache.Folder = folder;
        cache.CapacityBytes = 0;
        return true;
    }
}
