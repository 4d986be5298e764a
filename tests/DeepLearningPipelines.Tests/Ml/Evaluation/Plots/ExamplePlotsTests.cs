using System.Text.Json;
using System.Xml.Linq;
using DeepLearningPipelines.Tests.Cli;
using DeepLearningPipelines.Tests.Support;
using SkiaSharp;

namespace DeepLearningPipelines.Tests.Ml.Evaluation.Plots;

/// <summary>The pictures <c>dlp examples birds-planes --out</c> writes beside its report.</summary>
public sealed class ExamplePlotsTests
{
    [Fact]
    public void BirdsPlanesWritesRocAndPrecisionRecallCurves()
    {
        var outDir = TestPaths.NewTempDir();
        var (code, stdout, stderr) = DlpProcess.Run("examples", "birds-planes", "--model", SharedModels.SqueezeNet, "--bgr",
            "--feature-layer", "fire9/concat_1", "--json", "--out", outDir);
        Assert.True(code == 0, stderr);
        var json = JsonDocument.Parse(stdout).RootElement;
        foreach (var (key, file) in new[] { ("rocCurve", "birds-planes-roc.png"), ("precisionRecallCurve", "birds-planes-precision-recall.png") })
        {
            string png = Path.Combine(outDir, file);
            Assert.Equal(png, json.GetProperty(key).GetString());
            using var bitmap = SKBitmap.Decode(png);
            Assert.Equal((640, 480), (bitmap.Width, bitmap.Height));
            Assert.Equal("svg", XDocument.Load(Path.ChangeExtension(png, ".svg")).Root!.Name.LocalName);
        }
    }
}
