using System.Text.Json;
using DeepLearningPipelines.Tests.Support;

namespace DeepLearningPipelines.Tests.Cli;

/// <summary><c>dlp examples ocr</c> trains and tests on the same rows whatever the number of cores the process sees.</summary>
public class OcrSplitTests
{
    private static (long Train, long Test) SplitSizes(int processors)
    {
        var env = new Dictionary<string, string> { ["DOTNET_PROCESSOR_COUNT"] = processors.ToString() };
        var (code, stdout, stderr) = DlpProcess.Run(env, "examples", "ocr", "--json", "--out", TestPaths.NewTempDir(), "--best-hidden", "8", "--best-max-iter", "5");
        Assert.True(code == 0, stderr);
        var root = JsonDocument.Parse(stdout).RootElement;
        return (root.GetProperty("trainRows").GetInt64(), root.GetProperty("testRows").GetInt64());
    }

    [Fact]
    public void TrainAndTestRowsAreTheSameOnOneAndFourCores()
    {
        var one = SplitSizes(1);
        Assert.Equal(20000, one.Train + one.Test);
        Assert.Equal(one, SplitSizes(4));
    }
}
