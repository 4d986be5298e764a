using System.CommandLine;
using DeepLearningPipelines.Cli.Examples;

namespace DeepLearningPipelines.Cli;

/// <summary>Every top-level command of <c>dlp</c>.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All() => [ExamplesCommand.Create(), Models.ModelsCommand.Create()];
}
