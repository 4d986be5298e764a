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
        var local = FrameCheckResults.Parse(Mpirun.Dotnet(0, Limit, Mpirun.SelfTest, "frames", "local[2]", TestPaths.NewTempDir()));
        var (code, stdout, stderr) = Mpirun.Dotnet(2, Limit, Mpirun.SelfTest, "frames", "mpi", TestPaths.NewTempDir());
        output.WriteLine(stdout);
        FrameCheckResults.AssertSameAsOneProcess(local[0], FrameCheckResults.Parse((code, stdout, stderr)));
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

    [GeneratedRegex(@"rank=(\d+) error=(.*)")]
    private static partial Regex ErrorLine();
}
