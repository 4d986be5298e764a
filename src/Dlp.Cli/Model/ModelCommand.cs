using System.CommandLine;

namespace DeepLearningPipelines.Cli.Model;

/// <summary><c>dlp model …</c>: look inside a model file and run it on one image.</summary>
internal static class ModelCommand
{
    public static Command Create()
    {
        var command = new Command("model", "Inspect a model file (ONNX, TF.js model.json, Keras .h5) or run it on one image.");
        command.Subcommands.Add(ModelInspectCommand.Create());
        command.Subcommands.Add(ModelRunCommand.Create());
        return command;
    }
}
