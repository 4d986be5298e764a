using System.Diagnostics;
using System.Text.RegularExpressions;
using DeepLearningPipelines.Tests.Support;
using Xunit.Abstractions;

namespace DeepLearningPipelines.Tests.Frames.Mpi;

/// <summary>
/// <c>mpirun -np 2 dlp featurize</c> on the 30 plane photos with SqueezeNet: the ranks share the images and each
/// writes its parts, rank 0 joins them and prints, and the file equals a single-process run's byte for byte, also
/// when a rank is killed with SIGKILL after the first committed part and the command is run again.
/// </summary>
public sealed class MpiFeaturizeTests(ITestOutputHelper output)
{
    private static readonly string Planes = Path.Combine(TestPaths.Shared, "data", "birds-planes", "planes");
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    private static string[] Featurize(string file) =>
        [Mpirun.Dlp, "featurize", "--images", Planes, "--model", SharedModels.SqueezeNet, "--bgr", "--feature-layer", "fire9/concat_1",
         "--part-size", "3", "--out", file];

    [MpirunFact]
    public void TwoRanksWriteTheSingleProcessFeatures()
    {
        var dir = TestPaths.NewTempDir();
        string single = Path.Combine(dir, "single.csv"), twoRanks = Path.Combine(dir, "two-ranks.csv");
        Succeeds(Mpirun.Dotnet(0, Limit, Featurize(single)));
        var (_, stdout, _) = Succeeds(Mpirun.Dotnet(2, Limit, Featurize(twoRanks)));

        Assert.Single(Regex.Matches(stdout, "30 images in"));
        Assert.Equal(30, File.ReadAllLines(single).Length);
        Assert.Equal(File.ReadAllBytes(single), File.ReadAllBytes(twoRanks));
        Assert.Equal([single, twoRanks], Directory.GetFileSystemEntries(dir).Order(StringComparer.Ordinal));
    }

    [MpirunFact]
    public void ARankKilledAfterAPartResumesToTheSingleProcessFile()
    {
        var dir = TestPaths.NewTempDir();
        string single = Path.Combine(dir, "single.csv"), target = Path.Combine(dir, "features.csv");
        Succeeds(Mpirun.Dotnet(0, Limit, Featurize(single)));

        string job = Path.Combine(dir, ".features.csv.dlp-job");
        int committed;
        // On a fast machine the job may commit its last part or its file in the moment before the kill lands: then try again, killing sooner.
        for (int attempt = 0, maxDelayMs = 400; ; attempt++, maxDelayMs /= 4)
        {
            committed = KillARankAfterFirstCommit(Featurize(target), Path.Combine(job, "_journal"), maxDelayMs);
            if (committed is >= 1 and <= 9 && !File.Exists(target)) break; // else every part was in before the kill
            Assert.True(attempt < 3, "The job finished before a rank could be killed, four times.");
            File.Delete(target);
            if (Directory.Exists(job)) Directory.Delete(job, recursive: true);
        }

        var (_, stdout, stderr) = Succeeds(Mpirun.Dotnet(2, Limit, Featurize(target)));
        Assert.Contains($"resuming: {committed} of 10 parts", stderr);
        Assert.Single(Regex.Matches(stdout, $"{30 - 3 * committed} images in"));
        Assert.Equal(File.ReadAllBytes(single), File.ReadAllBytes(target));
        Assert.Equal([target, single], Directory.GetFileSystemEntries(dir).Order(StringComparer.Ordinal));
    }

    private (int ExitCode, string Stdout, string Stderr) Succeeds((int ExitCode, string Stdout, string Stderr) run)
    {
        output.WriteLine(run.Stdout + run.Stderr);
        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}:\n{run.Stdout}\n{run.Stderr}");
        return run;
    }

    /// <summary>
    /// Runs <c>mpirun -np 2 dotnet ARGS</c>, kills one rank chosen at random with SIGKILL at a random moment after the
    /// first committed part (within <paramref name="maxDelayMs"/>; mpirun then ends the other), and returns how many parts
    /// were committed (−1: the job finished before the kill).
    /// </summary>
    private int KillARankAfterFirstCommit(string[] args, string journal, int maxDelayMs)
    {
        var start = new ProcessStartInfo(Mpirun.Path!) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["--allow-run-as-root", "--oversubscribe", "-np", "2", "dotnet", .. args]) start.ArgumentList.Add(arg);
        start.Environment["NO_COLOR"] = "1";
        using var mpirun = Process.Start(start)!;
        var stdout = mpirun.StandardOutput.ReadToEndAsync();
        var stderr = mpirun.StandardError.ReadToEndAsync();
        var clock = Stopwatch.StartNew();
        while (Committed(journal) == 0)
        {
            if (mpirun.HasExited) Assert.Fail($"mpirun ended (exit {mpirun.ExitCode}) before a part was committed: {stderr.Result}");
            if (clock.Elapsed > Limit) { mpirun.Kill(true); Assert.Fail("No part was committed in time."); }
            Thread.Sleep(20);
        }
        Thread.Sleep(Random.Shared.Next(0, maxDelayMs + 1));
        var ranks = Children(mpirun.Id);
        if (mpirun.HasExited || ranks.Count != 2)
        {
            if (!mpirun.WaitForExit(Limit)) { mpirun.Kill(true); Assert.Fail("mpirun did not end."); }
            return -1;
        }
        Process.GetProcessById(ranks[Random.Shared.Next(2)]).Kill(); // SIGKILL
        if (!mpirun.WaitForExit(Limit)) { mpirun.Kill(true); Assert.Fail("mpirun did not end after a rank was killed."); }
        output.WriteLine(stdout.Result + stderr.Result);
        Assert.NotEqual(0, mpirun.ExitCode);
        return Committed(journal);
    }

    private static int Committed(string journal) => Directory.Exists(journal) ? Directory.GetFiles(journal, "partition-*.json").Length : 0;

    /// <summary>The processes whose parent is <paramref name="parent"/> (read from /proc).</summary>
    private static List<int> Children(int parent) =>
        Directory.GetDirectories("/proc").Select(d => Path.GetFileName(d)).Where(name => name.All(char.IsAsciiDigit)).Select(int.Parse)
            .Where(pid =>
            {
                try
                {
                    var stat = File.ReadAllText($"/proc/{pid}/stat");
                    return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]) == parent;
                }
                catch (IOException) { return false; }
            }).ToList();
}
