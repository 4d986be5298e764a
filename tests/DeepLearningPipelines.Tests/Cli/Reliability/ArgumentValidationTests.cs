using DeepLearningPipelines.Tests.Support;

namespace DeepLearningPipelines.Tests.Cli.Reliability;

/// <summary>Option values the commands used to pass to .NET parsers unchecked, ending in an internal error.</summary>
public class ArgumentValidationTests
{
    private static string Samples => Path.Combine(TestPaths.RepoRoot, "samples");

    [Fact]
    public void AnUnknownPreprocessingIsAUsageError()
    {
        var run = DlpProcess.Run("model", "run", Path.Combine(Samples, "models", "squeezenet1.1", "model.onnx"), "--preprocess", "bogus",
            "--input", Path.Combine(Samples, "birds-planes", "birds", "bird-001.jpg"));
        Assert.Equal("error: --preprocess must be one of caffe, tf, torch, none, got 'bogus'. See 'dlp model run --help'.", CliAssert.FailsCleanly(run));
    }

    [Fact]
    public void HiddenLayerSizesThatAreNotNumbersAreAUsageError()
    {
        var run = DlpProcess.Run("examples", "ocr", "--best-hidden", "64,abc");
        Assert.StartsWith("error: --best-hidden must be hidden-layer sizes (whole numbers of at least 1, comma-separated), got '64,abc'.", CliAssert.FailsCleanly(run));
    }

    [Theory]
    [InlineData("1.5", "error: --sample must be a fraction in (0, 1], got 1.5.")]
    [InlineData("0", "error: --sample must be a fraction in (0, 1], got 0.")]
    [InlineData("half", "error: Cannot parse argument 'half' for option '--sample'")]
    public void ASampleThatIsNotAFractionIsAUsageError(string sample, string error)
    {
        var run = DlpProcess.Run("examples", "ocr", "--sample", sample);
        Assert.StartsWith(error, CliAssert.FailsCleanly(run));
    }
}
