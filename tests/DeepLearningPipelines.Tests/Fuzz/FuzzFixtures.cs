using DeepLearningPipelines.Tests.Support;

namespace DeepLearningPipelines.Tests.Fuzz;

/// <summary>Inputs that fuzzing (scripts/fuzz.sh) found to break a loader, kept as regression fixtures.</summary>
internal static class FuzzFixtures
{
    public static string Path(string name) =>
        System.IO.Path.Combine(TestPaths.RepoRoot, "tests", "DeepLearningPipelines.Tests", "Fixtures", "fuzz", name);

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path(name));
}
