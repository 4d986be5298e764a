using DeepLearningPipelines.Tests.Support;
using Xunit.Abstractions;

namespace DeepLearningPipelines.Tests.Frames.Mpi;

/// <summary>
/// A sample of the SQL oracle queries (GROUP BY, joins of every kind, ORDER BY with LIMIT, DISTINCT, set operations,
/// subqueries; the self-test's <c>sql</c> mode), joins shuffled and broadcast, give on every rank of
/// <c>mpirun -np 2</c> the rows of one process on <c>local[3]</c>.
/// </summary>
public sealed class MpiSqlTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    [MpirunFact]
    public void TwoRanksGiveTheSingleProcessRows()
    {
        var local = FrameCheckResults.Parse(Mpirun.Dotnet(0, Limit, Mpirun.SelfTest, "sql", "local[3]", TestPaths.LettersCsv))[0];
        var run = Mpirun.Dotnet(2, Limit, Mpirun.SelfTest, "sql", "mpi", TestPaths.LettersCsv);
        output.WriteLine(run.Stdout + run.Stderr);
        var ranks = FrameCheckResults.Parse(run);

        Assert.Equal(2 * 38, local.Count);
        Assert.True(local.Values.Count(v => !v.StartsWith("0:", StringComparison.Ordinal)) >= 70, "most queries return rows");
        Assert.Equal([0, 1], ranks.Keys.Order());
        foreach (var (rank, results) in ranks)
        {
            Assert.Equal(local.Keys.Order(), results.Keys.Order());
            foreach (var (query, expected) in local)
                Assert.True(expected == results[query], $"rank {rank} {query}: {results[query]}, one process: {expected}");
        }
    }
}
