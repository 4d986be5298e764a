using System.Diagnostics;
using DeepLearningPipelines.Tests.Support;

namespace DeepLearningPipelines.Tests.Cli.Reliability;

/// <summary><c>dlp featurize --out</c> replaces its file only when the run succeeds: a failed or killed run leaves the old one intact.</summary>
public class FeaturizeOutputTests
{
    private const string OldContent = "origin,f0\nold.jpg,1\n";
    private static string Samples => Path.Combine(TestPaths.RepoRoot, "samples");
    private static string SqueezeNet => Path.Combine(Samples, "models", "squeezenet1.1", "model.onnx");

    private static string ExistingOutput()
    {
        string path = Path.Combine(TestPaths.NewTempDir(), "features.csv");
        File.WriteAllText(path, OldContent);
        return path;
    }

    [Fact]
    public void AFailedRunLeavesTheExistingFileAndNoTemporaryFile()
    {
        string outFile = ExistingOutput();
        var (code, _, stderr) = DlpProcess.Run("featurize", "--images", Path.Combine(Samples, "birds-planes", "planes"), "--model", SqueezeNet,
            "--feature-layer", "no/such/value", "--out", outFile);
        Assert.True(code != 0, stderr);
        Assert.Equal(OldContent, File.ReadAllText(outFile));
        Assert.Equal([outFile], Directory.GetFiles(Path.GetDirectoryName(outFile)!));
    }

    [Fact]
    public void AKilledRunLeavesTheExistingFileIntact()
    {
        var images = TestPaths.NewTempDir();
        for (int copy = 0; copy < 4; copy++)
            foreach (var photo in Directory.GetFiles(Path.Combine(Samples, "birds-planes"), "*.jpg", SearchOption.AllDirectories))
                File.Copy(photo, Path.Combine(images, $"{copy}-{Path.GetFileName(photo)}"));
        string outFile = ExistingOutput(), folder = Path.GetDirectoryName(outFile)!;

        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "dlp.dll"), "featurize", "--images", images, "--model", SqueezeNet, "--bgr",
                     "--feature-layer", "fire9/concat_1", "--out", outFile })
            psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        var watch = Stopwatch.StartNew();
        // Wait until the job is writing (its staging folder beside the target, or, before the fix, the target itself).
        while (!Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Any(f => f != outFile && new FileInfo(f).Length > 0) && File.ReadAllText(outFile) == OldContent)
        {
            Assert.False(process.HasExited, "dlp featurize finished before it could be killed mid-run");
            Assert.True(watch.Elapsed < TimeSpan.FromMinutes(2), "no rows were written within two minutes");
            Thread.Sleep(20);
        }
        process.Kill(); // SIGKILL
        process.WaitForExit();
        Assert.Equal(OldContent, File.ReadAllText(outFile));
    }
}
