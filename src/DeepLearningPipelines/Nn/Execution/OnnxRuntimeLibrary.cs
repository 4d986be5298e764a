using Microsoft.ML.OnnxRuntime;

namespace DeepLearningPipelines.Nn.Execution;

/// <summary>Whether ONNX Runtime's native library loads in this process, probed once.</summary>
internal static class OnnxRuntimeLibrary
{
    private static readonly Lazy<(string? Version, string? Error)> Probe = new(Load);

    private static readonly AsyncLocal<string?> Simulated = new();

    /// <summary>Test hook: when set, the load is reported as failing with this message (in this async flow only).</summary>
    internal static string? SimulatedLoadFailure
    {
        get => Simulated.Value;
        set => Simulated.Value = value;
    }

    /// <summary>Why the library cannot be used, or null when it loads.</summary>
    public static string? LoadError => SimulatedLoadFailure ?? Probe.Value.Error;

    /// <summary>The native library's version, e.g. <c>1.32.0</c>; throws when it cannot be loaded.</summary>
    public static string Version => Probe.Value.Version ?? throw new Core.DlpException($"ONNX Runtime cannot be loaded: {Probe.Value.Error}");

    /// <summary>
    /// The execution providers this process's ONNX Runtime package was built with (e.g. <c>CPUExecutionProvider</c>;
    /// the GPU package adds <c>CUDAExecutionProvider</c>); empty when it cannot be loaded.
    /// </summary>
    public static IReadOnlyList<string> AvailableProviders => LoadError is null ? OrtEnv.Instance().GetAvailableProviders() : [];

    private static (string?, string?) Load()
    {
        try { return (OrtEnv.Instance().GetVersionString(), null); }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException or TypeInitializationException or OnnxRuntimeException)
        {
            var cause = e is TypeInitializationException { InnerException: { } inner } ? inner : e;
            return (null, $"{cause.GetType().Name}: {cause.Message}");
        }
    }
}
