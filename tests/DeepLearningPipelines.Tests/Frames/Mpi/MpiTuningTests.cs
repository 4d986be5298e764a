using System.Globalization;
using Xunit.Abstractions;

namespace DeepLearningPipelines.Tests.Frames.Mpi;

/// <summary>
/// CrossValidator and TrainValidationSplit on two ranks under mpirun (the self-test's <c>tuning</c> mode): the small
/// training data is gathered and the (fold, param map) fits are spread over the ranks, each fitting its share, yet
/// every rank ends with the one-process metrics, best map and refitted model; with the gathering turned off every rank
/// makes every fit (data-parallel) with the same answers; a fit failing on rank 1 fails both ranks.
/// </summary>
public sealed class MpiTuningTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [MpirunFact]
    public void TwoRanksShareTheFitsAndGiveTheSingleProcessAnswersAndErrors()
    {
        var local = FrameCheckResults.Parse(Mpirun.Dotnet(0, Limit, Mpirun.SelfTest, "tuning", "local[2]"))[0];
        var run = Mpirun.Dotnet(2, Limit, Mpirun.SelfTest, "tuning", "mpi");
        output.WriteLine(run.Stdout + run.Stderr);
        var ranks = FrameCheckResults.Parse(run);

        Assert.Equal([0, 1], ranks.Keys.Order());
        foreach (var (rank, results) in ranks)
            foreach (var name in local.Keys.Where(n => n.EndsWith("_avg") || n.EndsWith("_std") || n.EndsWith("_model") || n == "tvs_metrics"))
                AssertClose(local[name], results[name], $"rank {rank} {name}");
        Assert.All(ranks.Values, r => Assert.Equal(local["cv_best"], r["cv_best"]));

        // 3 folds × 3 maps: split 4 + 5 between the ranks when gathered; 9 on each rank when fitted data-parallel.
        Assert.Equal("9", local["cv_fits"]);
        Assert.Equal([4, 5], ranks.Values.Select(r => Fits(r, "cv_fits")).Order());
        Assert.All(ranks.Values, r => Assert.Equal("9", r["cv_unspread_fits"]));
        Assert.Equal([1, 2], ranks.Values.Select(r => Fits(r, "tvs_fits")).Order());

        // A grid whose second map fails: only rank 1 fits it, and both ranks fail, rank 1 with its own exception.
        Assert.StartsWith("DataFormatException: Column 'label' has label 1.0", local["error"]);
        Assert.Equal(local["error"], ranks[1]["error"]); // the rank that fitted the failing map keeps its exception
        Assert.Matches(@"^DlpException: Rank 1 \(host .+\) failed: ", ranks[0]["error"]);
        Assert.EndsWith(local["error"], ranks[0]["error"]);
    }

    private static int Fits(Dictionary<string, string> results, string name) => int.Parse(results[name], CultureInfo.InvariantCulture);

    private static void AssertClose(string expected, string actual, string what)
    {
        var e = expected.Split(';').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var a = actual.Split(';').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(e.Length, a.Length);
        for (int i = 0; i < e.Length; i++)
            Assert.True(Math.Abs(e[i] - a[i]) <= 1e-6 * Math.Max(1, Math.Abs(e[i])), $"{what}[{i}]: {a[i]}, one process: {e[i]}");
    }
}
