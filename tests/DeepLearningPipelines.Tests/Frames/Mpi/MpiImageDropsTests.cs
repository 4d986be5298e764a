using System.Text.RegularExpressions;
using DeepLearningPipelines.Tests.Support;
using Xunit.Abstractions;

namespace DeepLearningPipelines.Tests.Frames.Mpi;

/// <summary>
/// <c>--drop-invalid</c> under <c>mpirun -np 2</c>: a corrupt file that only rank 1 reads (the last in the folder) is
/// counted, named and explained once, as in one process, by <c>dlp featurize</c> (rank 0 joins the parts) and by
/// <c>dlp predict</c> (every rank collects the predictions); rank 1 prints no summary of its own.
/// </summary>
public sealed class MpiImageDropsTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    [MpirunFact]
    public void TwoRanksReportTheDroppedFilesOfEveryRankOnce()
    {
        var dir = TestPaths.NewTempDir();
        var images = Path.Combine(dir, "images");
        Directory.CreateDirectory(images);
        foreach (var plane in Directory.GetFiles(Path.Combine(TestPaths.Shared, "data", "birds-planes", "planes")).Order(StringComparer.Ordinal).Take(6))
            File.Copy(plane, Path.Combine(images, Path.GetFileName(plane)));
        File.WriteAllText(Path.Combine(images, "zz-corrupt.jpg"), "not an image");
        string[] Featurize(string file) => [Mpirun.Dlp, "featurize", "--images", images, "--model", SharedModels.SqueezeNet, "--bgr", "--part-size", "2", "--out", file];
        string[] predict = [Mpirun.Dlp, "predict", "--model", SharedModels.SqueezeNet, "--bgr", "--top", "1", "--json", images];

        var single = Succeeds(Mpirun.Dotnet(0, Limit, Featurize(Path.Combine(dir, "single.csv"))));
        var twoRanks = Succeeds(Mpirun.Dotnet(2, Limit, Featurize(Path.Combine(dir, "two-ranks.csv"))));
        var skipped = Assert.Single(Skipped(single.Stderr));
        Assert.Contains($"skipped 1 of 7 file(s), not readable images: {Path.Combine(images, "zz-corrupt.jpg")}. First problem: Cannot decode image", skipped);
        Assert.Equal([skipped], Skipped(twoRanks.Stderr));
        Assert.Single(Regex.Matches(twoRanks.Stdout, "images in"));
        Assert.Contains("6 images in", twoRanks.Stdout);

        var singlePredict = Succeeds(Mpirun.Dotnet(0, Limit, predict));
        var twoRanksPredict = Succeeds(Mpirun.Dotnet(2, Limit, predict));
        Assert.Equal([skipped], Skipped(singlePredict.Stderr));
        Assert.Equal([skipped], Skipped(twoRanksPredict.Stderr));
        Assert.Equal(Json(singlePredict.Stdout), Json(twoRanksPredict.Stdout));
    }

    private static string[] Skipped(string stderr) => stderr.Split('\n').Where(l => l.StartsWith("skipped", StringComparison.Ordinal)).Select(l => l.TrimEnd()).ToArray();

    /// <summary>The JSON object printed (after any terminal-mode sequence mpirun's terminal makes .NET write).</summary>
    private static string Json(string stdout) => stdout[stdout.IndexOf('{')..].Trim();

    private (int ExitCode, string Stdout, string Stderr) Succeeds((int ExitCode, string Stdout, string Stderr) run)
    {
        output.WriteLine(run.Stdout + run.Stderr);
        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}:\n{run.Stdout}\n{run.Stderr}");
        return run;
    }
}
