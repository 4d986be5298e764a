using System.Diagnostics;
using System.Text.Json;
using DeepLearningPipelines.Tests.Cli;
using DeepLearningPipelines.Tests.Support;

namespace DeepLearningPipelines.Tests.Sql;

/// <summary><c>dlp sql</c>: one query over file views (JSON or a table), and the interactive prompt.</summary>
public class SqlCliTests
{
    private static string Letters => $"letters={TestPaths.LettersCsv}";

    [Fact]
    public void QueryOverACsvViewPrintsJson()
    {
        var (code, stdout, stderr) = DlpProcess.Run("sql", "--view", Letters, "--json",
            "SELECT lettr, count(*) AS n FROM letters WHERE lettr < 3 GROUP BY lettr ORDER BY lettr");
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal(["lettr", "n"], doc.RootElement.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!));
        var rows = doc.RootElement.GetProperty("rows").EnumerateArray().Select(r => (r[0].GetInt32(), r[1].GetInt64())).ToArray();
        Assert.Equal([(0, 789L), (1, 766L), (2, 736L)], rows);
    }

    [Fact]
    public void QueryOverAnImageFolderPrintsATable()
    {
        var birds = Path.Combine(TestPaths.Shared, "data", "birds-planes", "birds");
        var (code, stdout, stderr) = DlpProcess.Run("sql", "--view", $"photos={birds}", "SELECT count(*) AS n, min(image.nChannels) AS c FROM photos");
        Assert.True(code == 0, stderr);
        Assert.Equal("+---+---+\n|  n|  c|\n+---+---+\n| 30|  3|\n+---+---+\n", stdout);
    }

    [Fact]
    public void ErrorsExitWithOneAndTheirPosition()
    {
        var (code, _, stderr) = DlpProcess.Run("sql", "SELECT 1 +");
        Assert.Equal(1, code);
        Assert.StartsWith("error: Syntax error at 1:11: expected an expression but found the end of the query.", stderr);
        var (badView, _, viewError) = DlpProcess.Run("sql", "--view", "letters", "SELECT 1");
        Assert.Equal(1, badView);
        Assert.Contains("--view takes NAME=PATH", viewError);
    }

    [Fact]
    public void PromptRunsMultiLineStatementsKeepsHistoryAndSurvivesErrors()
    {
        var history = Path.Combine(TestPaths.NewTempDir(), "history");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "dlp.dll"));
        foreach (var a in new[] { "sql", "--view", Letters }) psi.ArgumentList.Add(a);
        psi.Environment["DLP_SQL_HISTORY"] = history;
        using var p = Process.Start(psi)!;
        p.StandardInput.Write("SELECT max(width) AS w\n  FROM letters\n  WHERE lettr = 0;\nSELECT nope FROM letters;\nhistory\n!1\nexit\n");
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEnd();
        Assert.True(p.WaitForExit(TimeSpan.FromMinutes(2)));
        Assert.Equal(0, p.ExitCode);
        Assert.Equal(2, stdout.Split("|  w|").Length - 1);
        Assert.Contains("error: Column 'nope' at 1:8 does not exist.", stdout);
        Assert.Contains("    1  SELECT max(width) AS w FROM letters WHERE lettr = 0;", stdout);
        Assert.Equal(3, File.ReadAllLines(history).Length);
    }
}
