using DeepLearningPipelines.Tests.Streaming;
using DeepLearningPipelines.Tests.Support;

namespace DeepLearningPipelines.Tests.Ui;

/// <summary>Runs a real <c>dlp stream predict --ui</c> over a few arrived images and reads its live page in headless Chromium.</summary>
public sealed class StreamPageTests
{
    [ChromiumFact]
    public async Task ThePageListsTheMicroBatchesAndTheirTotals()
    {
        var root = TestPaths.NewTempDir();
        var (input, output) = (Path.Combine(root, "in"), Path.Combine(root, "out"));
        Directory.CreateDirectory(input);
        for (int i = 0; i < 3; i++) StreamFiles.Arrive(input, $"image-{i}.png", StreamFiles.Png(i));

        await using var dlp = await LiveDlp.StartAsync("stream", "predict", "--watch", input, "--out", output, "--checkpoint", Path.Combine(root, "ck"),
            "--model", TinyImageNetClassifier.Write(root), "--trigger", "available-now", "--max-files-per-trigger", "2", "--ui", "0");
        await dlp.WaitUntilDoneAsync(TimeSpan.FromSeconds(40));
        var page = dlp.Page;

        var batches = page.Locator("#tables section.table[data-title='micro-batches']");
        Assert.Equal(["batch", "images", "dropped", "time", "rate", "output"], await batches.Locator("th").AllTextContentsAsync());
        var rows = batches.Locator("tr.row");
        Assert.Equal(2, await rows.CountAsync());
        // Newest first: batch 1 took the third image, batch 0 the first two.
        Assert.Equal(new[] { "1", "1", "0" }, (await rows.Nth(0).Locator("td").AllTextContentsAsync()).Take(3));
        Assert.Equal(new[] { "0", "2", "0" }, (await rows.Nth(1).Locator("td").AllTextContentsAsync()).Take(3));
        Assert.Equal("part-000000.json", await rows.Nth(1).Locator("td").Nth(5).TextContentAsync());
        Assert.True(File.Exists(Path.Combine(output, "part-000000.json")));
        Assert.Matches(@"^\d+ ms$", await rows.Nth(0).Locator("td").Nth(3).TextContentAsync());

        Assert.Equal("3", await page.TextContentAsync("#stages tr.stage .stage-done"));
        Assert.StartsWith("2 micro-batch(es) this run: 3 image(s) predicted, 0 dropped", await page.TextContentAsync("#report"));
    }
}
