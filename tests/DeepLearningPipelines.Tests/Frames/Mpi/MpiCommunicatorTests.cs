using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace DeepLearningPipelines.Tests.Frames.Mpi;

/// <summary>
/// Runs the self-test program on 3 ranks under mpirun: each rank checks rank/size, an allreduce sum of 25M floats
/// against its analytic value, max/min reductions, allgatherv of differing lengths (one empty), alltoallv with a
/// distinct payload per pair, a broadcast and launch detection, then prints one line.
/// </summary>
public sealed partial class MpiCommunicatorTests(ITestOutputHelper output)
{
    [MpirunFact]
    public void EveryRankPassesTheCollectiveChecks()
    {
        var (code, text, stderr) = Mpirun.Dotnet(3, TimeSpan.FromMinutes(3), Mpirun.SelfTest, "25000000");
        output.WriteLine(text);
        output.WriteLine(stderr);

        Assert.True(code == 0, $"mpirun exited with {code}:\n{text}\n{stderr}");
        var ranks = RankLine().Matches(text).Select(m => (Rank: int.Parse(m.Groups[1].Value), Size: int.Parse(m.Groups[2].Value))).ToArray();
        Assert.Equal([0, 1, 2], ranks.Select(r => r.Rank).Order());
        Assert.All(ranks, r => Assert.Equal(3, r.Size));
    }

    [GeneratedRegex(@"rank=(\d+) size=(\d+) host=\S+ launch=Open MPI allreduce_s=[0-9.]+ ok")]
    private static partial Regex RankLine();
}
