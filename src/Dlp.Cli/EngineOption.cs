using System.CommandLine;
using System.CommandLine.Invocation;
using DeepLearningPipelines.Nn.Execution;

namespace DeepLearningPipelines.Cli;

/// <summary>
/// <c>--engine onnxruntime|managed</c> and <c>--device cpu|cuda</c>: the inference engine for a command's models and the
/// device it runs them on (defaults: <c>DLP_ENGINE</c>, else onnxruntime; <c>DLP_DEVICE</c>, else cpu).
/// </summary>
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

    /// <summary>Creates <c>--device</c> with its help text.</summary>
    public static Option<string> CreateDevice()
    {
        var option = new Option<string>("--device")
        {
            Description = $"Device the engine runs on: {string.Join(" or ", Devices.Names)} (default: ${Devices.EnvironmentVariable}, else cpu). " +
                          $"cuda runs ONNX Runtime (not --engine {ManagedExecutionProvider.EngineName}) on an NVIDIA GPU: {OnnxRuntimeExecutionProvider.CudaRequirements}",
        };
        option.AcceptOnlyFromAmong([.. Devices.Names]);
        return option;
    }

    /// <summary>
    /// Adds <c>--engine</c> and <c>--device</c> to <paramref name="command"/>, whose action must be set already: the
    /// action then runs with the chosen engine and device as this process's defaults.
    /// </summary>
    public static void AddTo(Command command)
    {
        var engine = Create();
        var device = CreateDevice();
        command.Options.Add(engine);
        command.Options.Add(device);
        var inner = command.Action as SynchronousCommandLineAction
            ?? throw new InvalidOperationException($"Command '{command.Name}' needs its synchronous action before --engine is added.");
        command.SetAction((ParseResult parse) =>
        {
            if (parse.GetValue(engine) is { } name) Engines.Default = Engines.Parse(name, "--engine");
            if (parse.GetValue(device) is { } deviceName) Devices.Default = Devices.Parse(deviceName, "--device");
            return inner.Invoke(parse);
        });
    }
}
