using System.CommandLine;

namespace DeepLearningPipelines.Cli.Bench;

/// <summary><c>dlp bench …</c>: performance measurements.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Performance measurements.");
        command.Subcommands.Add(BenchNnCommand.Create());
        return command;
    }
}
