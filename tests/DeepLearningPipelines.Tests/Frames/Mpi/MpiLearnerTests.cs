using System.Globalization;
using DeepLearningPipelines.Tests.Support;
using Xunit.Abstractions;

namespace DeepLearningPipelines.Tests.Frames.Mpi;

/// <summary>
/// The learners fit data-parallel under mpirun: on two ranks, LogisticRegression (binomial and multinomial with elastic
/// net and weights, and with every row on rank 0), MultilayerPerceptronClassifier, StandardScaler, StringIndexer and both evaluators give, on every
/// rank, the numbers of one process on local[2] (within <see cref="Tolerance"/>: the sums are added in another order),
/// while each rank extracts only its share of the training rows and a bad label in rank 1's share fails both ranks
/// with rank 1's message, which rank 0 could only have from rank 1 since it never read those rows.
/// </summary>
public sealed class MpiLearnerTests(ITestOutputHelper output)
{
    /// <summary>Difference allowed between a two-rank and a one-process figure, relative to the largest of its kind (1e-13 seen).</summary>
    private const double Tolerance = 1e-9;

    private const int PartFiles = 4, RowsPerFile = 1500;
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    [MpirunFact]
    public void TwoRanksFitTheSingleProcessModelsFromTheirOwnShares()
    {
        var (data, bad) = (WriteParts(corruptLastFile: false), WriteParts(corruptLastFile: true));
        var local = Results(0, "local[2]", data, bad)[0];
        var ranks = Results(2, "mpi", data, bad);
        Assert.Equal([0, 1], ranks.Keys.Order());

        foreach (var (rank, results) in ranks)
        {
            foreach (var name in new[] { "lr_binomial", "lr_multinomial", "lr_one_partition", "mlp", "scaler", "binary", "multiclass" })
                AssertClose(local[name], results[name], $"rank {rank} {name}");
            Assert.Equal(local["indexer"], results["indexer"]);
        }

        int total = int.Parse(local["rows"], CultureInfo.InvariantCulture);
        var shares = ranks.Values.Select(r => int.Parse(r["rows"], CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(PartFiles * RowsPerFile, total);
        Assert.Equal(total, shares.Sum());
        Assert.All(shares, share => Assert.InRange(share, 1, total - 1));

        Assert.StartsWith($"Column 'lettr' has label -1.0 in row {3 * RowsPerFile} (file part-3.csv line 2)", local["error"], StringComparison.Ordinal);
        Assert.Equal(local["error"], ranks[1]["error"]);
        Assert.Matches(@"^Rank 1 \(host \S+\) failed: DataFormatException: ", ranks[0]["error"]);
        Assert.EndsWith(local["error"], ranks[0]["error"], StringComparison.Ordinal);
    }

    /// <summary>Each rank's results by name, from the files the self-test wrote; fails unless it exited with 0.</summary>
    private Dictionary<int, Dictionary<string, string>> Results(int ranks, string master, string data, string bad)
    {
        var outDir = TestPaths.NewTempDir();
        var (code, stdout, stderr) = Mpirun.Dotnet(ranks, Limit, Mpirun.SelfTest, "learners", master, data, bad, outDir);
        output.WriteLine(stdout + stderr);
        Assert.True(code == 0, $"exit code {code}:\n{stdout}\n{stderr}");
        return Directory.GetFiles(outDir, "rank-*.txt").ToDictionary(
            file => int.Parse(Path.GetFileNameWithoutExtension(file)["rank-".Length..], CultureInfo.InvariantCulture),
            file => File.ReadAllLines(file).Select(line => line.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]));
    }

    /// <summary>
    /// <see cref="PartFiles"/> CSV files of the first letter-recognition rows, with the label of the last file's first
    /// row set to -1 when <paramref name="corruptLastFile"/>.
    /// </summary>
    private static string WriteParts(bool corruptLastFile)
    {
        var dir = TestPaths.NewTempDir();
        var lines = File.ReadLines(TestPaths.LettersCsv).ToArray();
        for (int f = 0; f < PartFiles; f++)
        {
            var rows = lines.Skip(1 + f * RowsPerFile).Take(RowsPerFile).ToArray();
            if (corruptLastFile && f == PartFiles - 1) rows[0] = "-1" + rows[0][rows[0].IndexOf(',', StringComparison.Ordinal)..];
            File.WriteAllLines(Path.Combine(dir, $"part-{f}.csv"), [lines[0], .. rows]);
        }
        return dir;
    }

    private void AssertClose(string expected, string actual, string what)
    {
        var e = expected.Split(';').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var a = actual.Split(';').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(e.Length, a.Length);
        double scale = Math.Max(1, e.Max(Math.Abs));
        output.WriteLine($"{what}: largest difference {Enumerable.Range(0, e.Length).Max(i => Math.Abs(e[i] - a[i])) / scale:E2} of the largest value");
        for (int i = 0; i < e.Length; i++)
            Assert.True(Math.Abs(e[i] - a[i]) <= Tolerance * scale, $"{what}[{i}]: {a[i]}, one process: {e[i]}");
    }
}
