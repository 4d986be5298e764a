using System.Diagnostics;
using System.Text.RegularExpressions;
using DeepLearningPipelines.Tests.Support;

namespace DeepLearningPipelines.Tests.Cli;

/// <summary>
/// <c>dlp featurize --out</c> killed with SIGKILL after it committed a part, then run again: the rerun writes only the
/// missing parts and the file equals an uninterrupted run's byte for byte; a rerun with other settings is refused.
/// </summary>
public class ResumableOutputTests
{
    private static string[] Featurize(string images, string outFile, int partSize) =>
        ["featurize", "--images", images, "--model", SharedModels.SqueezeNet, "--bgr", "--feature-layer", "fire9/concat_1",
         "--part-size", partSize.ToString(), "--out", outFile];

    /// <summary>40 of the birds-and-planes sample images, 20 of each.</summary>
    private static string Images()
    {
        var folder = Path.Combine(TestPaths.NewTempDir(), "images");
        Directory.CreateDirectory(folder);
        foreach (var kind in new[] { "birds", "planes" })
            foreach (var file in Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, "samples", "birds-planes", kind)).Order(StringComparer.Ordinal).Take(20))
                File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        return folder;
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("parquet")]
    public void FeaturizeKilledAfterAPartResumesToTheUninterruptedFile(string extension)
    {
        var images = Images();
        var dir = Path.GetDirectoryName(images)!;
        string expected = Path.Combine(dir, $"expected.{extension}"), target = Path.Combine(dir, $"features.{extension}");
        var full = DlpProcess.Run(Featurize(images, expected, partSize: 4));
        Assert.True(full.ExitCode == 0, full.Stderr);

        var job = Path.Combine(dir, $".features.{extension}.dlp-job");
        int committed;
        // On a fast machine dlp may commit its last part or its file in the moment before the kill lands: then try again, killing sooner.
        for (int attempt = 0, maxDelayMs = 400; ; attempt++, maxDelayMs /= 4)
        {
            committed = KillAfterFirstCommit(Featurize(images, target, partSize: 4), Path.Combine(job, "_journal"), maxDelayMs);
            if (committed is >= 1 and <= 9 && !File.Exists(target)) break; // else every part was in before the kill
            Assert.True(attempt < 3, "dlp finished before it could be killed, four times.");
            File.Delete(target);
            if (Directory.Exists(job)) Directory.Delete(job, recursive: true);
        }

        var other = DlpProcess.Run(Featurize(images, target, partSize: 5));
        Assert.NotEqual(0, other.ExitCode);
        Assert.Contains("unfinished write of a different job", other.Stderr);
        Assert.Contains("--restart", other.Stderr);

        var resumed = DlpProcess.Run(Featurize(images, target, partSize: 4));
        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        Assert.Contains($"resuming: {committed} of 10 parts", resumed.Stderr);
        // The rate counts only the images this run featurized.
        Assert.Contains($"{40 - 4 * committed} images in", resumed.Stdout);
        Assert.Contains($"({4 * committed} written by an earlier run)", Regex.Replace(resumed.Stdout, @"\s+", " "));
        Assert.Equal(File.ReadAllBytes(expected), File.ReadAllBytes(target));
        Assert.Equal([Path.Combine(dir, $"expected.{extension}"), target, images], Directory.GetFileSystemEntries(dir).Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// Starts dlp with <paramref name="args"/>, kills it at a random moment within <paramref name="maxDelayMs"/> after its
    /// first committed part, and returns how many parts were committed (−1: it finished before the kill).
    /// </summary>
    private static int KillAfterFirstCommit(string[] args, string journal, int maxDelayMs)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "dlp.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var clock = Stopwatch.StartNew();
        while (!Committed(journal).Any())
        {
            if (process.HasExited) Assert.Fail($"dlp ended (exit {process.ExitCode}) before committing a part: {stderr.Result}");
            if (clock.Elapsed > TimeSpan.FromMinutes(2)) { process.Kill(true); Assert.Fail("dlp committed no part within 2 minutes."); }
            Thread.Sleep(20);
        }
        Thread.Sleep(Random.Shared.Next(0, maxDelayMs + 1));
        if (process.HasExited) return -1;
        process.Kill(entireProcessTree: true); // SIGKILL
        process.WaitForExit();
        _ = stdout.Result;
        return Committed(journal).Count();
    }

    private static IEnumerable<string> Committed(string journal) =>
        Directory.Exists(journal) ? Directory.GetFiles(journal, "partition-*.json") : [];
}
