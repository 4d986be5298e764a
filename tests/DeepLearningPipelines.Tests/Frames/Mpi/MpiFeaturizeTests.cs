using DeepLearningPipelines.Tests.Support;
using Xunit.Abstractions;

namespace DeepLearningPipelines.Tests.Frames.Mpi;

/// <summary>
/// <c>mpirun -np 2 dlp featurize</c> on the 30 plane photos with SqueezeNet: the ranks share the images, rank 0
/// writes the file and prints, and the features equal a single-process run's.
/// </summary>
public sealed class MpiFeaturizeTests(ITestOutputHelper output)
{
    private static readonly string Planes = Path.Combine(TestPaths.Shared, "data", "birds-planes", "planes");

    [MpirunFact]
    public void TwoRanksWriteTheSingleProcessFeatures()
    {
        var dir = TestPaths.NewTempDir();
        string[] Featurize(int ranks, string file)
        {
            var (code, stdout, stderr) = Mpirun.Dotnet(ranks, TimeSpan.FromSeconds(90), Mpirun.Dlp, "featurize", "--images", Planes,
                "--model", SharedModels.SqueezeNet, "--bgr", "--feature-layer", "fire9/concat_1", "--out", Path.Combine(dir, file));
            output.WriteLine(stdout + stderr);
            Assert.True(code == 0, $"exit code {code}:\n{stdout}\n{stderr}");
            if (ranks > 0) Assert.Single(System.Text.RegularExpressions.Regex.Matches(stdout, "30 images in"));
            return File.ReadAllLines(Path.Combine(dir, file)).Order(StringComparer.Ordinal).ToArray();
        }
        var single = Featurize(0, "single.csv");
        Assert.Equal(30, single.Length);
        Assert.Equal(single, Featurize(2, "two-ranks.csv"));
    }
}
