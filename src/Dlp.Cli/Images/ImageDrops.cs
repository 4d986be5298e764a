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
    /// The first problem the source of <paramref name="frame"/> met in <paramref name="partition"/>, or null: read in
    /// the process that ran the partition, once its batches were consumed, and returned as the partition's result, so
    /// that under MPI the rank that reports learns the problems of every rank's partitions.
    /// </summary>
    public static string? FirstProblem(DataFrame frame, int partition) => frame.Metrics?.FirstMessage(partition);

    /// <summary>Every batch of <paramref name="frame"/> in partition order, and the first problem its source met in any partition, on any rank.</summary>
    public static (RowBatch[] Batches, string? FirstProblem) Collect(DataFrame frame)
    {
        var context = frame.Session.Context();
        var partitions = context.Executor.Run(frame.Plan, context, (p, batches) => (batches.ToList(), FirstProblem(frame, p)));
        return (partitions.SelectMany(p => p.Item1).ToArray(), partitions.Select(p => p.Item2).FirstOrDefault(problem => problem is not null));
    }

    /// <summary>
    /// Prints the listing warnings (skipped folder links, unreadable folders) and names on stderr the <paramref name="listed"/> files that gave no row (those not in <paramref name="produced"/>),
    /// with <paramref name="firstProblem"/>, the source's first problem (<see cref="FirstProblem"/>); fails when no file gave a row.
    /// Under MPI only rank 0 prints, as for the rest of the output.
    /// </summary>
    public static void Report(IReadOnlyList<string> listed, IReadOnlySet<string> produced, DataFrame frame, string? firstProblem)
    {
        var stderr = frame.Session.Rank == 0 ? Console.Error : TextWriter.Null;
        foreach (var warning in frame.Metrics?.ListingWarnings ?? []) stderr.WriteLine(warning);
        var dropped = listed.Where(f => !produced.Contains(f)).ToList();
        if (dropped.Count == 0) return;
        string names = string.Join(", ", dropped.Take(NamedAtMost)) + (dropped.Count > NamedAtMost ? $" and {dropped.Count - NamedAtMost} more" : "");
        string reason = firstProblem is not null ? $" First problem: {firstProblem}" : "";
        if (produced.Count == 0)
            throw new DataFormatException($"none of the {listed.Count} file(s) is a readable image: {names}.{reason}");
        stderr.WriteLine($"skipped {dropped.Count} of {listed.Count} file(s), not readable images: {names}.{reason}");
    }
}
