using System.CommandLine;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Frames.IO;

namespace DeepLearningPipelines.Cli.Images;

/// <summary>
/// <c>--part-size</c> and <c>--restart</c> of the image commands that write <c>--out</c>: the output is committed in
/// parts of at most that many images, and a rerun of the same command after an interruption continues it.
/// </summary>
internal sealed class OutputJobOptions
{
    /// <summary>The options, to add to a command.</summary>
    public Option<int> PartSize { get; } = new Option<int>("--part-size")
    {
        Description = "Images per committed part of --out: an interrupted run (killed, failed) keeps its finished parts, " +
                      "and running the same command again writes only the rest, giving the file an uninterrupted run gives",
        DefaultValueFactory = _ => 256,
    }.Positive("images per part");

    /// <summary>Discard an interrupted run's parts instead of continuing it.</summary>
    public Option<bool> Restart { get; } = new("--restart")
    {
        Description = "Discard the finished parts an interrupted run of --out left (needed when the input or settings changed since) and start over",
    };

    /// <summary>
    /// The frame <paramref name="read"/> makes (given a partition count, or null for the default), read again with
    /// more partitions when one would hold more than <c>--part-size</c> files.
    /// </summary>
    public DataFrame Partitioned(ParseResult parse, Func<int?, DataFrame> read)
    {
        var frame = read(null);
        long files = frame.Metrics?.ListedFiles ?? 0;
        int wanted = (int)Math.Min(int.MaxValue, (files + parse.GetValue(PartSize) - 1) / parse.GetValue(PartSize));
        return wanted > frame.NumPartitions ? read(wanted) : frame;
    }

    /// <summary>
    /// What identifies the job: <paramref name="frame"/>'s plan and listed files (names, sizes, times) and the command
    /// line without <c>--restart</c> (model, settings, output format).
    /// </summary>
    public string Fingerprint(ParseResult parse, DataFrame frame)
    {
        var restartTokens = parse.GetResult(Restart)?.Tokens ?? [];
        var tokens = parse.Tokens.Where(t => t.Value != Restart.Name && !restartTokens.Contains(t)).Select(t => t.Value);
        return OutputJournal.Fingerprint(frame, Environment.CurrentDirectory, string.Join("\u0001", tokens));
    }

    /// <summary>Whether <c>--restart</c> was given.</summary>
    public bool RestartRequested(ParseResult parse) => parse.GetValue(Restart);
}
