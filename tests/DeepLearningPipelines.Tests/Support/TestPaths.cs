namespace DeepLearningPipelines.Tests.Support;

/// <summary>Locations the tests use: the repository root, the shared data folder and fresh temporary folders.</summary>
public static class TestPaths
{
    public static string RepoRoot { get; } = FindRoot();

    /// <summary>The shared data and models folder beside the repository.</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));

    public static string LettersCsv
    {
        get
        {
            var path = Path.Combine(Shared, "data", "letter-recognition", "letter-recognition.csv");
            if (!File.Exists(path)) throw new FileNotFoundException($"The letter-recognition data is missing at {path}.");
            return path;
        }
    }

    /// <summary>A new empty temporary folder.</summary>
    public static string NewTempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "dlp-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DeepLearningPipelines.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("Cannot find the repository root (DeepLearningPipelines.sln) above " + AppContext.BaseDirectory);
    }
}
