using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Nn.Execution;

/// <summary>
/// The devices a model can run on: <c>cpu</c> (every engine) and <c>cuda</c> (ONNX Runtime with its GPU package only).
/// The default is <c>cpu</c> unless the <c>DLP_DEVICE</c> environment variable (or <see cref="Default"/>) says otherwise.
/// </summary>
public static class Devices
{
    /// <summary>The environment variable that sets the default device: <c>cpu</c> or <c>cuda</c>.</summary>
    public const string EnvironmentVariable = "DLP_DEVICE";

    /// <summary>The CPU, on which every engine runs.</summary>
    public const string Cpu = "cpu";

    /// <summary>An NVIDIA GPU through ONNX Runtime's CUDA execution provider.</summary>
    public const string Cuda = "cuda";

    /// <summary>Every device name, as accepted by <see cref="Parse"/>.</summary>
    public static readonly IReadOnlyList<string> Names = [Cpu, Cuda];

    private static string? _default;

    /// <summary>The device used when none is asked for: <c>DLP_DEVICE</c> when set, else <c>cpu</c>.</summary>
    public static string Default
    {
        get => _default ??= Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } name
            ? Parse(name, EnvironmentVariable)
            : Cpu;
        set => _default = Parse(value, "device");
    }

    /// <summary>The device called <paramref name="name"/> (case-insensitive); <paramref name="source"/> names where it came from in the error.</summary>
    public static string Parse(string name, string source = "device") => name.Trim().ToLowerInvariant() switch
    {
        Cpu => Cpu,
        Cuda => Cuda,
        _ => throw new ParamException($"{source} '{name}' is not a device; use {string.Join(" or ", Names)}."),
    };

    /// <summary><paramref name="device"/> parsed, or <see cref="Default"/> when null.</summary>
    public static string Resolve(string? device) => device is null ? Default : Parse(device);

    /// <summary>
    /// Fails when <paramref name="engine"/> (null: <see cref="Engines.Default"/>) cannot run on <paramref name="device"/>:
    /// the managed engine runs on the CPU only.
    /// </summary>
    public static void RequireSupported(Engine? engine, string device)
    {
        if (device == Cuda && (engine ?? Engines.Default) == Engine.Managed)
            throw new ParamException($"device {Cuda} needs the {OnnxRuntimeExecutionProvider.EngineName} engine, but the engine is {ManagedExecutionProvider.EngineName}, which runs on the CPU only; " +
                $"set the engine to {OnnxRuntimeExecutionProvider.EngineName} or the device to {Cpu}.");
    }
}
