using System.CommandLine;
using DeepLearningPipelines.Cli.Examples;
using DeepLearningPipelines.Cli.Images;

namespace DeepLearningPipelines.Cli;

/// <summary>Every top-level command of <c>dlp</c>.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All() =>
        [ExamplesCommand.Create(), Models.ModelsCommand.Create(), PredictCommand.Create(), FeaturizeCommand.Create(),
         Training.TrainCommand.Create(), Model.ModelCommand.Create(), Bench.BenchCommand.Create(), Sql.SqlCommand.Create(), Stream.StreamCommand.Create()];
}
