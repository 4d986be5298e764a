using DeepLearningPipelines.Tests.Cli;
using DeepLearningPipelines.Tests.Cli.Reliability;
using DeepLearningPipelines.Tests.Support;

namespace DeepLearningPipelines.Tests.Streaming;

/// <summary><c>dlp stream predict</c>'s options (its own and those shared with <c>dlp predict</c>) and its errors.</summary>
public class StreamPredictCommandTests
{
    [Fact]
    public void HelpListsTheStreamOptionsAndThePredictOptions()
    {
        var (code, stdout, _) = DlpProcess.Run("stream", "predict", "--help");
        Assert.Equal(0, code);
        foreach (var option in new[] { "--watch", "--out", "--checkpoint", "--trigger", "--format", "--max-files-per-trigger", "--json-progress", "--ui",
                     "--model", "--top", "--cache", "--drop-invalid", "--size", "--preprocess", "--bgr", "--engine", "--device" })
            Assert.Contains(option, stdout);
        Assert.Contains("stream", DlpProcess.Run("--help").Stdout);
    }

    [Fact]
    public void AnUnreadableTriggerFailsCleanlyNamingIt()
    {
        var root = TestPaths.NewTempDir();
        var model = TinyImageNetClassifier.Write(root);
        string error = CliAssert.FailsCleanly(DlpProcess.Run("stream", "predict", "--watch", root, "--out", Path.Combine(root, "out"),
            "--checkpoint", Path.Combine(root, "ck"), "--model", model, "--trigger", "soon"));
        Assert.Contains("Cannot read the interval 'soon'", error);
    }

    [Fact]
    public void CsvOutputHasOneRowPerImageAndClassWithItsOrigin()
    {
        var root = TestPaths.NewTempDir();
        var (input, output) = (Path.Combine(root, "in"), Path.Combine(root, "out"));
        Directory.CreateDirectory(input);
        var image = StreamFiles.Arrive(input, "a.png", StreamFiles.Png(1));
        var (code, _, stderr) = DlpProcess.Run("stream", "predict", "--watch", input, "--out", output, "--checkpoint", Path.Combine(root, "ck"),
            "--model", TinyImageNetClassifier.Write(root), "--top", "3", "--format", "csv", "--trigger", "once");
        Assert.True(code == 0, stderr);
        var lines = File.ReadAllLines(Path.Combine(output, "part-000000.csv"));
        Assert.Equal("origin,class,description,probability", lines[0]);
        Assert.Equal(3, lines.Skip(1).Count(l => l.StartsWith(image + ",", StringComparison.Ordinal)));
    }
}
