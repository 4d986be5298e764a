using System.Globalization;
using System.Text.RegularExpressions;
using DeepLearningPipelines.Tests.Support;
using Xunit.Abstractions;

namespace DeepLearningPipelines.Tests.Frames.Mpi;

/// <summary>
/// The self-test program's DataFrame checks (GroupBy/Agg, shuffled joins, OrderBy, Distinct, Take, Collect, Union
/// with Coalesce, Count, a Parquet write read back, LogisticRegression, StandardScaler and StringIndexer fits) on two
/// ranks under mpirun give, on every rank, the answers of one process on local[2]; and a failure on one rank ends
/// every rank (rank 0 with an error that names the failed rank and its host) instead of leaving them waiting.
/// </summary>
public sealed partial class MpiExecutorTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [MpirunFact]
    public void TwoRanksGiveTheSingleProcessAnswersOnEveryRank()
    {
        var local = Results(Mpirun.Dotnet(0, Limit, Mpirun.SelfTest, "frames", "local[2]", TestPaths.NewTempDir()));
        var (code, stdout, stderr) = Mpirun.Dotnet(2, Limit, Mpirun.SelfTest, "frames", "mpi", TestPaths.NewTempDir());
        output.WriteLine(stdout);
        Assert.True(code == 0, $"mpirun exited with {code}:\n{stdout}\n{stderr}");
        var ranks = Results((code, stdout, stderr));

        Assert.Equal([0, 1], ranks.Keys.Order());
        foreach (var (rank, results) in ranks)
        {
            Assert.Equal(local[0].Keys.Order(), results.Keys.Order());
            foreach (var (name, expected) in local[0])
            {
                if (name is "lr" or "scaler") AssertClose(expected, results[name], $"rank {rank} {name}");
                else if (name != "ran") Assert.True(expected == results[name], $"rank {rank} {name}: {results[name]}, one process: {expected}");
            }
        }
        // Every partition ran on exactly one rank, and both ranks worked.
        var ran = ranks.Values.Select(r => r["ran"].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray()).ToArray();
        Assert.All(ran, r => Assert.NotEmpty(r));
        Assert.Equal(local[0]["ran"], string.Join(",", ran.SelectMany(r => r).Order()));
        Assert.Single(Regex.Matches(stdout, @"only showing top 3 rows"));
    }

    [MpirunFact]
    public void AFailureOnOneRankFailsEveryRankNamingIt()
    {
        var (code, stdout, stderr) = Mpirun.Dotnet(2, Limit, Mpirun.SelfTest, "fail", "mpi");
        output.WriteLine(stdout + stderr);
        Assert.NotEqual(0, code);
        var errors = ErrorLine().Matches(stdout).ToDictionary(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m => m.Groups[2].Value.Trim());
        Assert.Matches(@"^Rank 1 \(host \S+\) failed: DataFormatException: row 99 is bad$", errors[0]);
        Assert.Equal("row 99 is bad", errors[1]);
        Assert.DoesNotContain("MPI_ABORT", stdout + stderr); // every rank knew of the failure, so each finalised MPI and exited
    }

    private static Dictionary<int, Dictionary<string, string>> Results((int ExitCode, string Stdout, string Stderr) run)
    {
        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}:\n{run.Stdout}\n{run.Stderr}");
        return ResultLine().Matches(run.Stdout)
            .GroupBy(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
            .ToDictionary(g => g.Key, g => g.ToDictionary(m => m.Groups[2].Value, m => m.Groups[3].Value.Trim()));
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

    [GeneratedRegex(@"rank=(\d+) error=(.*)")]
    private static partial Regex ErrorLine();
}
