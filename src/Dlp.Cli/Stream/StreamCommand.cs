using System.CommandLine;

namespace DeepLearningPipelines.Cli.Stream;

/// <summary><c>dlp stream</c>: commands that run over files that keep arriving in a folder.</summary>
internal static class StreamCommand
{
    public static Command Create() => new("stream", "Run a model over files that keep arriving in a folder, exactly once, resuming from a checkpoint.")
    {
        StreamPredictCommand.Create(),
    };
}
