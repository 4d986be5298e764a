namespace DeepLearningPipelines.Tests.Ui;

/// <summary>A fact that needs Debian's Chromium at <see cref="Path"/>; skipped, saying how to install it, where it is absent.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string Path = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(Path)) Skip = $"No Chromium at {Path}: install it with 'apt-get install -y chromium' (scripts/install-deps.sh does).";
    }
}
