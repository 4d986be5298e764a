using DeepLearningPipelines.Cli;

namespace DeepLearningPipelines.Tests.Cli;

/// <summary>What <c>dlp</c> writes when its output goes to a file or pipe: plain text, sized by <c>COLUMNS</c>, errors on stderr.</summary>
public class CliOutputTests
{
    /// <summary>A colour terminal's environment, as when a user pipes dlp's output from one; NO_COLOR empty counts as unset.</summary>
    private static Dictionary<string, string> ColourTerminal(string? columns = null)
    {
        var env = new Dictionary<string, string> { ["TERM"] = "xterm-256color", ["COLORTERM"] = "truecolor", ["NO_COLOR"] = "" };
        if (columns is not null) env["COLUMNS"] = columns;
        return env;
    }

    [Fact]
    public void RedirectedTableHasNoAnsiCodesAndFitsColumns()
    {
        var (code, stdout, stderr) = DlpProcess.Run(ColourTerminal("60"), "models", "list");
        Assert.True(code == 0, stderr);
        Assert.DoesNotContain('\u001b', stdout + stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.Contains("Model"));
        Assert.All(lines, l => Assert.True(l.Length <= 60, $"{l.Length} columns: {l}"));
    }

    [Fact]
    public void WideColumnsGiveAWideTable()
    {
        var (code, stdout, stderr) = DlpProcess.Run(ColourTerminal("220"), "models", "list");
        Assert.True(code == 0, stderr);
        var widest = stdout.Split('\n').Max(l => l.Length);
        Assert.InRange(widest, CliConsole.DefaultWidth + 1, 220);
    }

    [Fact]
    public void ErrorsGoToStderrAsOnePlainLine()
    {
        var (code, stdout, stderr) = DlpProcess.Run(ColourTerminal(), "model", "inspect", Path.Combine(Path.GetTempPath(), "no-such-model.onnx"));
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.DoesNotContain('\u001b', stderr);
        Assert.StartsWith("error: ", Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public void HelpSaysHowOutputIsShaped()
    {
        var (code, stdout, _) = DlpProcess.Run("--help");
        Assert.Equal(0, code);
        Assert.Contains("NO_COLOR", stdout);
        Assert.Contains("COLUMNS", stdout);
    }

    [Theory]
    [InlineData(false, null, "xterm", null, 132, true, 132)]
    [InlineData(false, "1", "xterm", null, 132, false, 132)]
    [InlineData(false, "", "xterm", "100", 132, true, 100)]
    [InlineData(false, null, "dumb", null, 132, false, 132)]
    [InlineData(true, null, "xterm", null, 0, false, CliConsole.DefaultWidth)]
    [InlineData(true, null, "xterm", "150", 0, false, 150)]
    [InlineData(true, null, "xterm", "wide", 0, false, CliConsole.DefaultWidth)]
    [InlineData(false, null, "xterm", "0", 0, true, CliConsole.DefaultWidth)]
    public void LayoutFollowsTerminalNoColorAndColumns(bool redirected, string? noColor, string? term, string? columns, int terminalWidth, bool ansi, int width) =>
        Assert.Equal(new CliConsole.Layout(ansi, width), CliConsole.Decide(redirected, noColor, term, columns, terminalWidth));
}
