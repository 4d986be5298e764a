using System.Text.Json;
using System.Text.RegularExpressions;
using DeepLearningPipelines.Tests.Support;
using Xunit.Abstractions;

namespace DeepLearningPipelines.Tests.Frames.Mpi;

/// <summary>
/// <c>mpirun -np 2 dlp examples ocr --json</c> on a 10% sample of the letters (and a small search for best) gives the
/// single-process study: the same split, the same best pipeline with the same metrics, and the two fixed perceptrons'
/// accuracy and ROC AUC within a tolerance; rank 0 writes the pictures.
/// </summary>
/// <remarks>
/// The two fixed perceptrons are non-convex fits of 100 and 400 L-BFGS iterations (one through a 4-unit bottleneck):
/// data-parallel, their loss and gradient are summed in another order than in one process, and these last-bit
/// differences grow over the iterations into a slightly different model (seen: accuracy 0.267 vs 0.276, weighted
/// precision 0.135 vs 0.242 for the bottleneck net). Their accuracy and ROC AUC are compared within
/// <see cref="FixedFitTolerance"/>; the learners' own two-rank test compares the models within 1e-9.
/// </remarks>
public sealed class MpiOcrTests(ITestOutputHelper output)
{
    private const double FixedFitTolerance = 0.02, BestTolerance = 1e-4;

    [MpirunFact]
    public void TwoRanksGiveTheSingleProcessStudy()
    {
        var dir = TestPaths.NewTempDir();
        var single = Study(0, Path.Combine(dir, "single"));
        var twoRanks = Study(2, Path.Combine(dir, "two-ranks"));

        Assert.Equal(single.GetProperty("trainRows").GetInt64(), twoRanks.GetProperty("trainRows").GetInt64());
        Assert.Equal(single.GetProperty("testRows").GetInt64(), twoRanks.GetProperty("testRows").GetInt64());
        var expected = single.GetProperty("configs").EnumerateArray().ToArray();
        var actual = twoRanks.GetProperty("configs").EnumerateArray().ToArray();
        Assert.Equal(expected.Select(c => c.GetProperty("name").GetString()), actual.Select(c => c.GetProperty("name").GetString()));
        for (int i = 0; i < expected.Length; i++)
        {
            bool best = expected[i].GetProperty("name").GetString() == "best";
            foreach (var metric in best ? new[] { "accuracy", "weightedPrecision", "weightedRecall", "oneVsRestRocAuc" } : ["accuracy", "oneVsRestRocAuc"])
            {
                double e = expected[i].GetProperty(metric).GetDouble(), a = actual[i].GetProperty(metric).GetDouble();
                Assert.True(Math.Abs(e - a) <= (best ? BestTolerance : FixedFitTolerance), $"{expected[i].GetProperty("name")} {metric}: {a} on two ranks, {e} in one process");
            }
        }
        Assert.Equal("[16,32,26]", BestLayers(single));
        Assert.Equal(BestLayers(single), BestLayers(twoRanks));
        Assert.True(File.Exists(twoRanks.GetProperty("confusionMatrix").GetString()));
        Assert.True(File.Exists(twoRanks.GetProperty("classificationReport").GetString()));
    }

    /// <summary>The study's JSON from <paramref name="ranks"/> ranks (0: one process without mpirun), writing under <paramref name="outDir"/>.</summary>
    private JsonElement Study(int ranks, string outDir)
    {
        var (code, stdout, stderr) = Mpirun.Dotnet(ranks, TimeSpan.FromSeconds(120), Mpirun.Dlp, "examples", "ocr", "--json", "--sample", "0.1",
            "--best-hidden", "4", "32", "--best-max-iter", "40", "--out", outDir);
        output.WriteLine(stdout + stderr);
        Assert.True(code == 0, $"exit code {code}:\n{stdout}\n{stderr}");
        var json = stdout[stdout.IndexOf('{')..]; // after any terminal-mode sequence mpirun's terminal makes .NET write
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    private static string BestLayers(JsonElement study) =>
        Regex.Match(study.GetProperty("configs")[2].GetProperty("description").GetString()!, @"MLP layers (\[[\d,]+\])").Groups[1].Value;
}
