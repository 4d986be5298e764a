using DeepLearningPipelines.Tests.Support;

namespace DeepLearningPipelines.Tests.Vision;

/// <summary>The image fixtures in the repository and the image data in the shared folder.</summary>
internal static class TestFiles
{
    public static string FixturesFolder => Path.Combine(TestPaths.RepoRoot, "tests", "DeepLearningPipelines.Tests", "Fixtures", "images");

    public static string Fixture(string name) => Path.Combine(FixturesFolder, name);

    public static byte[] ReadFixture(string name) => File.ReadAllBytes(Fixture(name));

    /// <summary>A file under the shared folder; fails clearly when it is missing.</summary>
    public static string Shared(params string[] parts)
    {
        var path = Path.Combine([TestPaths.Shared, .. parts]);
        if (!File.Exists(path) && !Directory.Exists(path)) throw new FileNotFoundException($"Shared test data is missing at {path}.");
        return path;
    }

    /// <summary>The 60 birds-planes JPEGs from the shared data folder.</summary>
    public static string[] BirdsPlanesJpegs() =>
        Directory.GetFiles(Shared("data", "birds-planes"), "*.jpg", SearchOption.AllDirectories).Order().ToArray();
}
