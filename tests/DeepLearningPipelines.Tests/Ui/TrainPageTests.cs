using System.Globalization;
using System.Text.Json;
using DeepLearningPipelines.Tests.Support;

namespace DeepLearningPipelines.Tests.Ui;

/// <summary>Runs a real <c>dlp train --ui</c> on a few birds-planes photos and reads its live page in headless Chromium.</summary>
public sealed class TrainPageTests
{
    [ChromiumFact]
    public async Task ThePageShowsTheEpochsTheLossCurveAndTheValidationAccuracy()
    {
        string images = TestPaths.NewTempDir();
        foreach (var kind in new[] { "birds", "planes" })
        {
            Directory.CreateDirectory(Path.Combine(images, kind));
            foreach (var photo in Directory.GetFiles(Path.Combine(TestPaths.Shared, "data", "birds-planes", kind), "*.jpg").Order().Take(8))
                File.Copy(photo, Path.Combine(images, kind, Path.GetFileName(photo)));
        }
        string model = Path.Combine(TestPaths.NewTempDir(), "birds-planes.onnx");

        await using var dlp = await LiveDlp.StartAsync("train", "--images", images, "--layers", "conv4-pool-dense8", "--size", "32", "--epochs", "2",
            "--batch", "4", "--validation-split", "0.25", "--out", model, "--json", "--ui", "0");
        await dlp.WaitUntilDoneAsync(TimeSpan.FromSeconds(40));
        var page = dlp.Page;

        // 12 training images in batches of 4: 3 steps per epoch, each epoch followed by its validation pass over 4 images.
        Assert.Equal(["epoch 1", "validating epoch 1", "epoch 2", "validating epoch 2"], await page.Locator("#stages .stage-name").AllTextContentsAsync());
        Assert.Equal(["12", "4", "12", "4"], await page.Locator("#stages .stage-done").AllTextContentsAsync());
        Assert.Matches(@"^\d+\.\d images/s$", await page.Locator("#stages .stage-rate").First.TextContentAsync());

        var loss = page.Locator("#charts section.chart[data-title='loss']");
        Assert.True(await loss.IsVisibleAsync(), "no loss chart on the page");
        var lines = loss.Locator("polyline.series");
        Assert.Equal("6", await lines.First.GetAttributeAsync("data-points")); // one loss per step
        Assert.Contains("validation", await loss.Locator(".legend").TextContentAsync());
        Assert.Equal(3, await lines.CountAsync()); // batch, epoch mean, validation

        using var json = JsonDocument.Parse(dlp.Stdout);
        double validationAccuracy = json.RootElement.GetProperty("validationAccuracy").GetDouble();
        Assert.EndsWith("validation accuracy " + validationAccuracy.ToString("F4", CultureInfo.InvariantCulture), await page.TextContentAsync("#report"));
        string curves = json.RootElement.GetProperty("curves").GetString()!;
        Assert.Equal(Path.ChangeExtension(model, ".curves.png"), curves);
        Assert.True(File.Exists(curves) && File.Exists(Path.ChangeExtension(curves, ".svg")), $"no training curves at {curves} and .svg");
    }
}
