namespace DeepLearningPipelines.Cli.Bench.Ort;

/// <summary>Where the ONNX Runtime library is: <c>--ort PATH</c>, else <c>DLP_ORT_LIBRARY</c>, else the folder <c>scripts/install-ort.sh</c> installs into.</summary>
public static class OrtLibraryLocator
{
    /// <summary>The library inside an onnxruntime-node install folder.</summary>
    public const string LibraryInPackage = "node_modules/onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime.so.1";

    /// <summary>The install folder: <c>DLP_ORT_HOME</c>, or <c>~/.cache/dlp/ort</c> (as in <c>scripts/install-ort.sh</c>).</summary>
    public static string InstallFolder => Environment.GetEnvironmentVariable("DLP_ORT_HOME") is { Length: > 0 } home
        ? home
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "dlp", "ort");

    /// <summary>The library path to use: <paramref name="explicitPath"/> when given, otherwise the environment or install folder.</summary>
    public static string Resolve(string? explicitPath) =>
        explicitPath is { Length: > 0 } ? explicitPath
        : Environment.GetEnvironmentVariable("DLP_ORT_LIBRARY") is { Length: > 0 } fromEnvironment ? fromEnvironment
        : Path.Combine(InstallFolder, LibraryInPackage);

    /// <summary>The library path when the file exists, otherwise null.</summary>
    public static string? Find(string? explicitPath = null) => Resolve(explicitPath) is var path && File.Exists(path) ? path : null;
}
