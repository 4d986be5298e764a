using System.Diagnostics;
using DeepLearningPipelines.Tests.Support;
using Microsoft.Playwright;

namespace DeepLearningPipelines.Tests.Ui;

/// <summary>Runs a real <c>dlp featurize --ui</c> job and reads its live page in headless Chromium.</summary>
public sealed class JobPageTests
{
    [ChromiumFact]
    public async Task ThePageShowsTheStageItsProgressAndTheFinalReport()
    {
        var images = TestPaths.NewTempDir();
        foreach (var photo in Directory.GetFiles(Path.Combine(TestPaths.Shared, "data", "birds-planes"), "*.jpg", SearchOption.AllDirectories))
            File.Copy(photo, Path.Combine(images, Path.GetFileName(photo)));
        int total = Directory.GetFiles(images).Length;
        string outFile = Path.Combine(TestPaths.NewTempDir(), "features.csv");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumFactAttribute.Path, Headless = true });
        var page = await browser.NewPageAsync();

        using var dlp = LiveDlp.StartDlp("featurize", "--images", images, "--model", SharedModels.SqueezeNet, "--bgr", "--out", outFile, "--ui", "0");
        var watch = Stopwatch.StartNew();
        try
        {
            dlp.OutputDataReceived += (_, _) => { };
            dlp.BeginOutputReadLine();
            string url = await LiveDlp.ReadUrlAsync(dlp);
            await page.GotoAsync(url);

            var seen = new List<long>();
            while (await page.TextContentAsync("#state") != "done")
            {
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(50), $"the page did not show the job done within 50 s; progress seen: {string.Join(", ", seen)}");
                Assert.NotEqual("failed", await page.TextContentAsync("#state"));
                if (await page.QuerySelectorAsync("#stages tr.stage .stage-done") is { } done && await done.TextContentAsync() is { Length: > 0 } text)
                    seen.Add(long.Parse(text));
                await Task.Delay(50);
            }

            Assert.Equal("featurizing", await page.TextContentAsync("#stages tr.stage .stage-name"));
            Assert.Equal(total.ToString(), await page.TextContentAsync("#stages tr.stage .stage-total"));
            Assert.Equal(total.ToString(), await page.TextContentAsync("#stages tr.stage .stage-done"));
            Assert.Matches(@"^\d+\.\d images/s$", await page.TextContentAsync("#stages tr.stage .stage-rate"));
            seen.Add(total);
            Assert.True(seen.Zip(seen.Skip(1)).All(pair => pair.First <= pair.Second), $"progress went backwards: {string.Join(", ", seen)}");
            Assert.True(seen[0] < total, $"the page never showed the job before it ended: {string.Join(", ", seen)}");
            Assert.True(await page.IsVisibleAsync("#report"));
            Assert.StartsWith($"{total} images in ", await page.TextContentAsync("#report"));

            Assert.True(dlp.WaitForExit(TimeSpan.FromSeconds(10)), "dlp kept running after the page had shown the final report");
            Assert.Equal(0, dlp.ExitCode);
        }
        finally
        {
            if (!dlp.HasExited) dlp.Kill(true);
        }
    }

    [Fact]
    public void APortInUseIsReportedBeforeTheJobStarts()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        int port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;
        var (code, _, stderr) = DeepLearningPipelines.Tests.Cli.DlpProcess.Run("featurize", "--images", TestPaths.NewTempDir(), "--model", SharedModels.SqueezeNet,
            "--out", Path.Combine(TestPaths.NewTempDir(), "f.csv"), "--ui", port.ToString());
        Assert.Equal(1, code);
        Assert.Contains($"--ui {port}: cannot listen on 127.0.0.1:{port}", stderr);
    }
}
