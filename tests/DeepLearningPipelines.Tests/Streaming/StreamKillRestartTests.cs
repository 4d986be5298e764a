using System.Diagnostics;
using System.Text.Json;
using DeepLearningPipelines.Tests.Support;

namespace DeepLearningPipelines.Tests.Streaming;

/// <summary>
/// <c>dlp stream predict</c> is killed with SIGKILL at random moments while images keep arriving, and restarted from
/// its checkpoint each time; a last run with <c>--trigger available-now</c> drains the folder and exits by itself.
/// Every image must then appear exactly once in the output.
/// </summary>
public class StreamKillRestartTests
{
    private const int Images = 30;
    private const int Kills = 6;

    [Fact]
    public void EveryArrivingImageIsPredictedExactlyOnceAcrossKillsAndRestarts()
    {
        var root = TestPaths.NewTempDir();
        var (input, output, checkpoint) = (Path.Combine(root, "in"), Path.Combine(root, "out"), Path.Combine(root, "ck"));
        Directory.CreateDirectory(input);
        var model = TinyImageNetClassifier.Write(root);
        var random = new Random(2024);
        var delays = Enumerable.Range(0, Images).Select(_ => random.Next(40, 200)).ToArray();
        var arrivals = new Thread(() =>
        {
            for (int i = 0; i < Images; i++)
            {
                StreamFiles.Arrive(input, $"img-{i:D3}.png", StreamFiles.Png(i));
                Thread.Sleep(delays[i]);
            }
        });
        arrivals.Start();
        var clock = Stopwatch.StartNew();
        int replays = 0;
        for (int k = 0; k < Kills; k++)
        {
            using var process = Start(model, input, output, checkpoint, "100ms");
            Thread.Sleep(random.Next(500, 2500));
            if (process.HasExited) Assert.Fail($"run {k} ended by itself: {process.StandardError.ReadToEnd()}");
            process.Kill(); // SIGKILL
            process.WaitForExit();
            if (Latest(Path.Combine(checkpoint, "offsets")) > Latest(Path.Combine(checkpoint, "commits"))) replays++;
        }
        arrivals.Join();
        using (var last = Start(model, input, output, checkpoint, "available-now"))
        {
            Assert.True(last.WaitForExit(TimeSpan.FromSeconds(60)), "the available-now run did not stop by itself");
            Assert.True(last.ExitCode == 0, last.StandardError.ReadToEnd());
        }

        var origins = Directory.GetFiles(output, "part-*.json")
            .SelectMany(File.ReadLines)
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("origin").GetString()!)
            .ToList();
        var expected = Enumerable.Range(0, Images).Select(i => Path.Combine(input, $"img-{i:D3}.png")).ToList();
        var missing = expected.Except(origins).Select(Path.GetFileName).ToList();
        var duplicated = origins.GroupBy(o => o).Where(g => g.Count() > 1).Select(g => Path.GetFileName(g.Key)).ToList();
        Assert.True(missing.Count == 0 && duplicated.Count == 0 && origins.Count == Images,
            $"missing [{string.Join(", ", missing)}], duplicated [{string.Join(", ", duplicated)}]; {replays} kill(s) left a batch to replay");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), $"took {clock.Elapsed}; {replays} kill(s) left a batch to replay");
    }

    [Fact]
    public void SigtermStopsAfterTheRunningBatchCommitsAndExitsCleanly()
    {
        var root = TestPaths.NewTempDir();
        var (input, output, checkpoint) = (Path.Combine(root, "in"), Path.Combine(root, "out"), Path.Combine(root, "ck"));
        Directory.CreateDirectory(input);
        var model = TinyImageNetClassifier.Write(root);
        for (int i = 0; i < 3; i++) StreamFiles.Arrive(input, $"img-{i}.png", StreamFiles.Png(i));
        using var process = Start(model, input, output, checkpoint, "50ms");
        var clock = Stopwatch.StartNew();
        while (!File.Exists(Path.Combine(checkpoint, "commits", "0")) && clock.Elapsed < TimeSpan.FromSeconds(60) && !process.HasExited) Thread.Sleep(50);
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString()])) kill.WaitForExit();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)), "dlp stream predict did not stop on SIGTERM");
        Assert.True(process.ExitCode == 0, process.StandardError.ReadToEnd());
        Assert.Equal(Latest(Path.Combine(checkpoint, "offsets")), Latest(Path.Combine(checkpoint, "commits")));
        Assert.Equal(3, Directory.GetFiles(output, "part-*.json").SelectMany(File.ReadLines).Count());
    }

    private static Process Start(string model, string input, string output, string checkpoint, string trigger)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "dlp.dll"), "stream", "predict", "--watch", input, "--model", model,
                     "--out", output, "--checkpoint", checkpoint, "--trigger", trigger, "--max-files-per-trigger", "4", "--top", "2" })
            psi.ArgumentList.Add(a);
        psi.Environment["NO_COLOR"] = "1";
        return Process.Start(psi)!;
    }

    private static long Latest(string log) =>
        Directory.Exists(log) ? Directory.GetFiles(log).Select(f => long.TryParse(Path.GetFileName(f), out var n) ? n : -1).DefaultIfEmpty(-1).Max() : -1;
}
