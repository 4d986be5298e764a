using System.CommandLine;

namespace DeepLearningPipelines.Cli.Examples;

/// <summary><c>dlp examples ...</c>: the case studies, runnable end to end.</summary>
internal static class ExamplesCommand
{
    public static Command Create()
    {
        var command = new Command("examples", "Run the case studies end to end on the embedded local engine.");
        command.Subcommands.Add(OcrCommand.Create());
        command.Subcommands.Add(BirdsPlanesCommand.Create());
        command.Subcommands.Add(FashionCommand.Create());
        return command;
    }
}
