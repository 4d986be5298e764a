using System.Globalization;
using System.Text.RegularExpressions;

namespace DeepLearningPipelines.Tests.Frames.Mpi;

/// <summary>
/// Reads and compares the self-test program's <c>frames</c> output: one <c>rank=R NAME=VALUE</c> line per result and
/// rank, exact digests except the fitted models (within a tolerance) and <c>ran</c> (the partitions the rank ran).
/// </summary>
internal static partial class FrameCheckResults
{
    /// <summary>Each rank's results by name; fails unless the run exited with 0.</summary>
    public static Dictionary<int, Dictionary<string, string>> Parse((int ExitCode, string Stdout, string Stderr) run)
    {
        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}:\n{run.Stdout}\n{run.Stderr}");
        return ResultLine().Matches(run.Stdout)
            .GroupBy(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
            .ToDictionary(g => g.Key, g => g.ToDictionary(m => m.Groups[2].Value, m => m.Groups[3].Value.Trim()));
    }

    /// <summary>
    /// Every rank of <paramref name="ranks"/> (0 and 1) has the one-process results <paramref name="local"/>, every
    /// partition ran on exactly one rank, and both ranks ran some.
    /// </summary>
    public static void AssertSameAsOneProcess(Dictionary<string, string> local, Dictionary<int, Dictionary<string, string>> ranks)
    {
        Assert.Equal([0, 1], ranks.Keys.Order());
        foreach (var (rank, results) in ranks)
        {
            Assert.Equal(local.Keys.Order(), results.Keys.Order());
            foreach (var (name, expected) in local)
            {
                if (name is "lr" or "scaler") AssertClose(expected, results[name], $"rank {rank} {name}");
                else if (name != "ran") Assert.True(expected == results[name], $"rank {rank} {name}: {results[name]}, one process: {expected}");
            }
        }
        var ran = ranks.Values.Select(r => r["ran"].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray()).ToArray();
        Assert.All(ran, r => Assert.NotEmpty(r));
        Assert.Equal(local["ran"], string.Join(",", ran.SelectMany(r => r).Order()));
    }

    private static void AssertClose(string expected, string actual, string what)
    {
        var e = expected.Split(';').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var a = actual.Split(';').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(e.Length, a.Length);
        for (int i = 0; i < e.Length; i++)
            Assert.True(Math.Abs(e[i] - a[i]) <= 1e-9 * Math.Max(1, Math.Abs(e[i])), $"{what}[{i}]: {a[i]}, one process: {e[i]}");
    }

    [GeneratedRegex(@"rank=(\d+) (\w+)=(.*)")]
    private static partial Regex ResultLine();
}
