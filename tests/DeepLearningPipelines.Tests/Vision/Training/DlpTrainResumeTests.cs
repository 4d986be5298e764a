using System.Diagnostics;
using DeepLearningPipelines.Tests.Support;

namespace DeepLearningPipelines.Tests.Vision.Training;

/// <summary>
/// <c>dlp train --checkpoint-dir DIR --resume</c> killed with SIGKILL after a checkpoint and run again with the same
/// command line saves the model, byte for byte, that a run which was never interrupted saves.
/// </summary>
public class DlpTrainResumeTests
{
    [Fact]
    public void AKilledRunRunAgainSavesTheUninterruptedModel()
    {
        string images = SyntheticImages.Folder(perClass: 40), work = TestPaths.NewTempDir();
        string[] Train(string name) =>
            [Path.Combine(AppContext.BaseDirectory, "dlp.dll"), "train", "--images", images, "--layers", "conv8-pool-dense16", "--size", "16",
             "--epochs", "12", "--batch", "8", "--seed", "2", "--checkpoint-dir", Path.Combine(work, name), "--checkpoint-every", "20", "--resume",
             "--out", Path.Combine(work, name + ".onnx")];

        Assert.Equal(0, Run(Train("uninterrupted"), killAfterCheckpoint: null));
        string killed = Path.Combine(work, "killed");
        Run(Train("killed"), killAfterCheckpoint: killed);
        Assert.False(File.Exists(killed + ".onnx"), "the run was killed before it saved its model");
        Assert.NotEmpty(Directory.GetFiles(killed, "checkpoint-*.state"));

        Assert.Equal(0, Run(Train("killed"), killAfterCheckpoint: null));
        Assert.Equal(File.ReadAllBytes(Path.Combine(work, "uninterrupted.onnx")), File.ReadAllBytes(killed + ".onnx"));
    }

    /// <summary>Runs <c>dotnet ARGS</c>; with <paramref name="killAfterCheckpoint"/>, kills it with SIGKILL once a checkpoint's state is in that folder.</summary>
    private static int Run(string[] args, string? killAfterCheckpoint)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var clock = Stopwatch.StartNew();
        if (killAfterCheckpoint is not null)
        {
            while (!(Directory.Exists(killAfterCheckpoint) && Directory.GetFiles(killAfterCheckpoint, "checkpoint-*.state").Length > 0))
            {
                if (process.HasExited) Assert.Fail($"dlp train ended before its first checkpoint:\n{stdout.Result}\n{stderr.Result}");
                Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), "no checkpoint within 2 minutes");
                Thread.Sleep(5);
            }
            if (process.HasExited) Assert.Fail($"dlp train ended (exit code {process.ExitCode}) before it could be killed:\n{stdout.Result}\n{stderr.Result}");
            process.Kill();
        }
        if (!process.WaitForExit(TimeSpan.FromMinutes(3))) process.Kill(entireProcessTree: true);
        Assert.True(killAfterCheckpoint is not null || process.ExitCode == 0, $"exit code {process.ExitCode}:\n{stdout.Result}\n{stderr.Result}");
        return process.ExitCode;
    }
}
