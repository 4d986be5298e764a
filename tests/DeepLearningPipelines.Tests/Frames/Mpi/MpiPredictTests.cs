using System.Text.RegularExpressions;
using DeepLearningPipelines.Tests.Support;
using Xunit.Abstractions;

namespace DeepLearningPipelines.Tests.Frames.Mpi;

/// <summary>
/// <c>mpirun -np 2 dlp predict --out</c> on the 30 plane photos with SqueezeNet: each rank writes its parts, rank 0
/// joins them and prints once, and the file equals a single-process run's byte for byte.
/// </summary>
public sealed class MpiPredictTests(ITestOutputHelper output)
{
    [MpirunFact]
    public void TwoRanksWriteTheSingleProcessPredictions()
    {
        var dir = TestPaths.NewTempDir();
        string single = Path.Combine(dir, "single.csv"), twoRanks = Path.Combine(dir, "two-ranks.csv");
        string[] Predict(string file) =>
            [Mpirun.Dlp, "predict", "--model", SharedModels.SqueezeNet, "--bgr", "--top", "2", "--part-size", "5",
             Path.Combine(TestPaths.Shared, "data", "birds-planes", "planes"), "--out", file];
        (int ExitCode, string Stdout, string Stderr) Run(int ranks, string file)
        {
            var run = Mpirun.Dotnet(ranks, TimeSpan.FromSeconds(90), Predict(file));
            output.WriteLine(run.Stdout + run.Stderr);
            Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}:\n{run.Stdout}\n{run.Stderr}");
            return run;
        }
        Run(0, single);
        var (_, stdout, _) = Run(2, twoRanks);

        Assert.Single(Regex.Matches(stdout, "30 images →"));
        Assert.Equal(61, File.ReadAllLines(single).Length); // a header, then the top 2 classes of each image
        Assert.Equal(File.ReadAllBytes(single), File.ReadAllBytes(twoRanks));
        Assert.Equal([single, twoRanks], Directory.GetFileSystemEntries(dir).Order(StringComparer.Ordinal));
    }
}
