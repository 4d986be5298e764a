using System.CommandLine;

namespace DeepLearningPipelines.Cli.Models;

/// <summary><c>dlp models …</c>: the built-in model zoo and its weights.</summary>
public static class ModelsCommand
{
    /// <summary>The <c>models</c> command with its <c>list</c> and <c>fetch</c> sub-commands.</summary>
    public static Command Create()
    {
        var command = new Command("models", "Built-in pretrained models (Keras architectures) and their weights in the models folder (DLP_MODELS).");
        command.Subcommands.Add(ModelsListCommand.Create());
        command.Subcommands.Add(ModelsFetchCommand.Create());
        return command;
    }
}
