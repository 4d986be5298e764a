namespace DeepLearningPipelines.Nn.Zoo;

/// <summary>Settings of a <see cref="ModelRegistry"/>; <see cref="FromEnvironment"/> reads them from environment variables.</summary>
public sealed record ModelRegistryOptions
{
    /// <summary>Folder holding official Keras weight files and TF.js exports (<c>&lt;Model&gt;/model.json</c>).</summary>
    public required string ModelsDirectory { get; init; }

    /// <summary>Whether missing official weights may be downloaded.</summary>
    public bool AllowDownload { get; init; } = true;

    /// <summary>When set, files are downloaded from <c>BaseUrl + file name</c> instead of their official address (mirrors, tests).</summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>SHA-256 digests by file name; a file listed here is checked against this digest only (not the catalog's MD5).</summary>
    public IReadOnlyDictionary<string, string> Sha256ByFileName { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Options from the environment: <c>DLP_MODELS</c> (default <c>$XDG_CACHE_HOME/dlp/models</c>, else
    /// <c>~/.cache/dlp/models</c>), <c>DLP_OFFLINE=1</c> to forbid downloads and <c>DLP_MODELS_URL</c> for a mirror.
    /// </summary>
    public static ModelRegistryOptions FromEnvironment() => new()
    {
        ModelsDirectory = DefaultModelsDirectory(),
        AllowDownload = Environment.GetEnvironmentVariable("DLP_OFFLINE") is not ("1" or "true"),
        BaseUrl = Environment.GetEnvironmentVariable("DLP_MODELS_URL") is { Length: > 0 } url ? MirrorUrl(url) : null,
    };

    private static Uri MirrorUrl(string url) =>
        Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "file"
            ? uri
            : throw new Core.DlpException($"DLP_MODELS_URL '{url}' is not an absolute http(s) or file URL.");

    /// <summary>The models folder named by <c>DLP_MODELS</c>, <c>XDG_CACHE_HOME</c> or the user profile, in that order.</summary>
    public static string DefaultModelsDirectory()
    {
        if (Environment.GetEnvironmentVariable("DLP_MODELS") is { Length: > 0 } configured) return Path.GetFullPath(configured);
        string cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(cache, "dlp", "models");
    }
}
