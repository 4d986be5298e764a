using System.CommandLine;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;

namespace DeepLearningPipelines.Cli.Images;

/// <summary>
/// The <c>--drop-invalid</c> option of the image commands and the account of the files it dropped: counted and
/// named on stderr (the first <see cref="NamedAtMost"/>, then "and K more"), and an error when no image was left.
/// </summary>
internal static class ImageDrops
{
    /// <summary>How many dropped files are named before the rest are only counted.</summary>
    public const int NamedAtMost = 10;

    /// <summary>The option; true by default (skip, count and name unreadable files).</summary>
    public static Option<bool> CreateOption() => new("--drop-invalid")
    {
        Description = "Skip files that are not readable images and name them on stderr (default: true). " +
                      "--drop-invalid false stops at the first one, as Spark's image source with dropInvalid=false. " +
                      "With no image left, the command fails.",
        DefaultValueFactory = _ => true,
    };

    /// <summary>The files <paramref name="frame"/> (read from <paramref name="paths"/>) will decode; fails when there are none.</summary>
    public static IReadOnlyList<string> ListedFiles(DataFrame frame, IReadOnlyList<string> paths)
    {
        var files = frame.Metrics!.Files;
        if (files.Count == 0) throw new DataFormatException($"no images found in {string.Join(", ", paths)}.");
        return files;
    }

    /// <summary>
    /// Prints the listing warnings (skipped folder links, unreadable folders) and names on stderr the <paramref name="listed"/> files that gave no row (those not in <paramref name="produced"/>),
    /// with the source's first problem from <paramref name="frame"/>; fails when no file gave a row.
    /// </summary>
    public static void Report(IReadOnlyList<string> listed, IReadOnlySet<string> produced, DataFrame frame)
    {
        foreach (var warning in frame.Metrics?.ListingWarnings ?? []) Console.Error.WriteLine(warning);
        var dropped = listed.Where(f => !produced.Contains(f)).ToList();
        if (dropped.Count == 0) return;
        string names = string.Join(", ", dropped.Take(NamedAtMost)) + (dropped.Count > NamedAtMost ? $" and {dropped.Count - NamedAtMost} more" : "");
        string reason = frame.Metrics?.Messages.FirstOrDefault() is { } first ? $" First problem: {first}" : "";
        if (produced.Count == 0)
            throw new DataFormatException($"none of the {listed.Count} file(s) is a readable image: {names}.{reason}");
        Console.Error.WriteLine($"skipped {dropped.Count} of {listed.Count} file(s), not readable images: {names}.{reason}");
    }
}
