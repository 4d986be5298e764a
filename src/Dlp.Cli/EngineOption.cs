using System.CommandLine;
using System.CommandLine.Invocation;
using DeepLearningPipelines.Nn.Execution;

namespace DeepLearningPipelines.Cli;

/// <summary><c>--engine onnxruntime|managed</c>: the inference engine for a command's models (default: <c>DLP_ENGINE</c>, else onnxruntime).</summary>
internal static class EngineOption
{
    /// <summary>Creates the option with its help text.</summary>
    public static Option<string> Create()
    {
        var option = new Option<string>("--engine")
        {
            Description = $"Inference engine: {string.Join(" or ", Engines.Names)} (default: ${Engines.EnvironmentVariable}, else onnxruntime)",
        };
        option.AcceptOnlyFromAmong([.. Engines.Names]);
        return option;
    }

    /// <summary>
    /// Adds <c>--engine</c> to <paramref name="command"/>, whose action must be set already: the action then runs with
    /// the chosen engine as this process's default.
    /// </summary>
    public static void AddTo(Command command)
    {
        var option = Create();
        command.Options.Add(option);
        var inner = command.Action as SynchronousCommandLineAction
            ?? throw new InvalidOperationException($"Command '{command.Name}' needs its synchronous action before --engine is added.");
        command.SetAction((ParseResult parse) =>
        {
            if (parse.GetValue(option) is { } name) Engines.Default = Engines.Parse(name, "--engine");
            return inner.Invoke(parse);
        });
    }
}
