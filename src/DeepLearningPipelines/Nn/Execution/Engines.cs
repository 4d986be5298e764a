using System.Collections.Concurrent;
using System.Diagnostics;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Graph;

namespace DeepLearningPipelines.Nn.Execution;

/// <summary>
/// Chooses the <see cref="IExecutionProvider"/> for an <see cref="Engine"/>. The default engine is ONNX Runtime unless
/// the <c>DLP_ENGINE</c> environment variable (or <see cref="Default"/>) says otherwise. When ONNX Runtime's native
/// library cannot be loaded, the managed engine is used instead and <see cref="Warning"/> says so once.
/// </summary>
public static class Engines
{
    /// <summary>The environment variable that sets the default engine: <c>onnxruntime</c> or <c>managed</c>.</summary>
    public const string EnvironmentVariable = "DLP_ENGINE";

    /// <summary>Every engine name, as accepted by <see cref="Parse"/>.</summary>
    public static readonly IReadOnlyList<string> Names = [OnnxRuntimeExecutionProvider.EngineName, ManagedExecutionProvider.EngineName];

    private static Engine? _default;
    private static readonly ConcurrentDictionary<string, bool> Warned = new(StringComparer.Ordinal);

    /// <summary>The engine used when none is asked for: <c>DLP_ENGINE</c> when set, else <see cref="Engine.OnnxRuntime"/>.</summary>
    public static Engine Default
    {
        get => _default ??= Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } name
            ? Parse(name, EnvironmentVariable)
            : Engine.OnnxRuntime;
        set => _default = value;
    }

    /// <summary>Receives each fallback warning once per process (default: standard error and <see cref="Trace"/>).</summary>
    public static Action<string> Warning { get; set; } = message =>
    {
        Console.Error.WriteLine($"warning: {message}");
        Trace.TraceWarning(message);
    };

    /// <summary>The engine called <paramref name="name"/> (case-insensitive); <paramref name="source"/> names where it came from in the error.</summary>
    public static Engine Parse(string name, string source = "engine") => name.Trim().ToLowerInvariant() switch
    {
        OnnxRuntimeExecutionProvider.EngineName => Engine.OnnxRuntime,
        ManagedExecutionProvider.EngineName => Engine.Managed,
        _ => throw new ParamException($"{source} '{name}' is not an engine; use {string.Join(" or ", Names)}."),
    };

    /// <summary>The name of <paramref name="engine"/>: <c>onnxruntime</c> or <c>managed</c>.</summary>
    public static string NameOf(Engine engine) => engine == Engine.Managed ? ManagedExecutionProvider.EngineName : OnnxRuntimeExecutionProvider.EngineName;

    /// <summary>
    /// The provider for <paramref name="engine"/> (null: <see cref="Default"/>); the managed provider, with a warning,
    /// when ONNX Runtime's native library cannot be loaded.
    /// </summary>
    public static IExecutionProvider Provider(Engine? engine = null)
    {
        if ((engine ?? Default) == Engine.Managed) return new ManagedExecutionProvider();
        if (OnnxRuntimeLibrary.LoadError is { } error)
        {
            WarnOnce($"ONNX Runtime cannot be loaded ({error}); using the managed engine instead.");
            return new ManagedExecutionProvider();
        }
        return new OnnxRuntimeExecutionProvider();
    }

    /// <summary>
    /// The provider that runs <paramref name="graph"/> on <paramref name="device"/> (null: <see cref="Devices.Default"/>):
    /// as <see cref="Provider"/>, and when the engine was not asked for (<paramref name="engine"/> null) and ONNX Runtime
    /// cannot run some node, the managed one, with a warning. Throws <see cref="ModelFormatException"/> naming the nodes
    /// when the engine was asked for and cannot run them, and <see cref="DlpException"/> when the engine cannot run on
    /// the device (on <c>cuda</c> nothing falls back to the managed engine, which runs on the CPU only).
    /// </summary>
    public static IExecutionProvider ProviderFor(ModelGraph graph, Engine? engine, string? device = null)
    {
        device = Devices.Resolve(device);
        Devices.RequireSupported(engine, device);
        if (device != Devices.Cpu)
        {
            var onnxRuntime = new OnnxRuntimeExecutionProvider();
            onnxRuntime.RequireDevice(device);
            var unsupported = onnxRuntime.GetCapability(graph);
            if (!unsupported.SupportsAll)
                throw new ModelFormatException($"Model {graph.Name}: {unsupported.Describe()}, so it cannot run on device {device}; use device {Devices.Cpu} with the {ManagedExecutionProvider.EngineName} engine.");
            return onnxRuntime;
        }
        var provider = Provider(engine);
        var capability = provider.GetCapability(graph);
        if (capability.SupportsAll) return provider;
        if (engine is not null)
            throw new ModelFormatException($"Model {graph.Name}: {capability.Describe()}. Use the {ManagedExecutionProvider.EngineName} engine for it.");
        WarnOnce($"Model {graph.Name}: {capability.Describe()}; using the managed engine for it.");
        return new ManagedExecutionProvider();
    }

    /// <summary>Passes <paramref name="message"/> to <see cref="Warning"/> unless it was passed before.</summary>
    internal static void WarnOnce(string message)
    {
        if (Warned.TryAdd(message, true)) Warning(message);
    }
}
