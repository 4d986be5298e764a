using System.Diagnostics;
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
        var program = Path.Combine(AppContext.BaseDirectory, "DeepLearningPipelines.MpiSelfTest.dll");
        Assert.True(File.Exists(program), $"The self-test program is missing at {program}.");
        var start = new ProcessStartInfo(Mpirun.Path!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "--allow-run-as-root", "--oversubscribe", "-np", "3", "dotnet", program, "25000000" })
            start.ArgumentList.Add(arg);
        using var mpirun = Process.Start(start)!;
        var stdout = mpirun.StandardOutput.ReadToEndAsync();
        var stderr = mpirun.StandardError.ReadToEndAsync();
        if (!mpirun.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            mpirun.Kill(entireProcessTree: true);
            Assert.Fail("mpirun did not finish within 3 minutes.");
        }
        var text = stdout.Result;
        output.WriteLine(text);
        output.WriteLine(stderr.Result);

        Assert.True(mpirun.ExitCode == 0, $"mpirun exited with {mpirun.ExitCode}:\n{text}\n{stderr.Result}");
        var ranks = RankLine().Matches(text).Select(m => (Rank: int.Parse(m.Groups[1].Value), Size: int.Parse(m.Groups[2].Value))).ToArray();
        Assert.Equal([0, 1, 2], ranks.Select(r => r.Rank).Order());
        Assert.All(ranks, r => Assert.Equal(3, r.Size));
    }

    [GeneratedRegex(@"rank=(\d+) size=(\d+) host=\S+ launch=Open MPI allreduce_s=[0-9.]+ ok")]
    private static partial Regex RankLine();
}
