namespace DeepLearningPipelines.Tests.Vision;

/// <summary>Locates the repository, its image fixtures and the shared data folder next to it.</summary>
internal static class TestFiles
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string FixturesFolder => Path.Combine(RepositoryRoot, "tests", "DeepLearningPipelines.Tests", "Fixtures", "images");

    public static string SharedFolder => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));

    public static string Fixture(string name) => Path.Combine(FixturesFolder, name);

    public static byte[] ReadFixture(string name) => File.ReadAllBytes(Fixture(name));

    public static string Shared(params string[] parts) => Path.Combine([SharedFolder, .. parts]);

    /// <summary>The 60 birds-planes JPEGs from the shared data folder.</summary>
    public static string[] BirdsPlanesJpegs() =>
        Directory.GetFiles(Shared("data", "birds-planes"), "*.jpg", SearchOption.AllDirectories).Order().ToArray();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DeepLearningPipelines.sln"))) return dir.FullName;
        throw new InvalidOperationException("DeepLearningPipelines.sln not found above " + AppContext.BaseDirectory);
    }
}
