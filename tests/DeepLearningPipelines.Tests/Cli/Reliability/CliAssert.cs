namespace DeepLearningPipelines.Tests.Cli.Reliability;

/// <summary>What every failing <c>dlp</c> run must look like: a non-zero exit and exactly one <c>error: …</c> line on stderr.</summary>
internal static class CliAssert
{
    /// <summary>Asserts a clean failure with exit code 1 and returns its error line.</summary>
    public static string FailsCleanly((int ExitCode, string Stdout, string Stderr) run)
    {
        Assert.True(run.ExitCode == 1, $"exit {run.ExitCode}\nstdout: {run.Stdout}\nstderr: {run.Stderr}");
        var lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, "expected one error line, got:\n" + run.Stderr);
        Assert.StartsWith("error: ", lines[0]);
        return lines[0];
    }
}
