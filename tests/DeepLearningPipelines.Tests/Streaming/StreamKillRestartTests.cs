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
    private const int Kills = 4;

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
            Thread.Sleep(random.Next(800, 3000));
            Assert.False(process.HasExited, $"run {k} ended by itself: {process.StandardError.ReadToEnd()}");
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
        Assert.Equal(expected, origins.Order(StringComparer.Ordinal));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), $"took {clock.Elapsed}; {replays} kill(s) left a batch to replay");
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
