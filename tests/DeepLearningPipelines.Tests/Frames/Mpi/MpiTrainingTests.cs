using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using DeepLearningPipelines.Tests.Vision.Training;
using DeepLearningPipelines.Tests.Support;
using Xunit.Abstractions;

namespace DeepLearningPipelines.Tests.Frames.Mpi;

/// <summary>
/// Data-parallel training on two ranks under mpirun: the self-test program's small CNN ends with the weights and
/// epoch losses of one process training on the same global batches, each rank having taken only its share of the
/// rows; <c>mpirun -np 2 dlp train</c> saves one model, trained as one process trains it, that <c>dlp predict</c> uses;
/// run again after one rank is killed, it saves the uninterrupted job's model; the estimator path (each rank on its own partitions) ends with the same model on both ranks; and
/// <c>MpiRunner</c> relaunches a program on two ranks and hands rank 0's result back to the launching process.
/// </summary>
public sealed partial class MpiTrainingTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Float sums of the gradients run in another order over two ranks (each rank's mean times its rows, summed, divided
    /// by the batch's rows), so the weights differ in the last bits of each step; after 18 Adam steps the difference
    /// measured here is about 1e-7 on weights of magnitude up to 0.7. An unweighted mean of the ranks' gradients (the
    /// short last batch is shared 5/6) is off by far more than the tolerance.
    /// </summary>
    private const double WeightTolerance = 1e-5;

    [MpirunFact]
    public void TwoRanksTrainTheOneProcessWeightsEachOnItsShare()
    {
        var (singleDir, ranksDir) = (TestPaths.NewTempDir(), TestPaths.NewTempDir());
        var single = Parse(Mpirun.Dotnet(0, Limit, Mpirun.SelfTest, "train", "local[2]", singleDir));
        var ranks = Parse(Mpirun.Dotnet(2, Limit, Mpirun.SelfTest, "train", "mpi", ranksDir));

        Assert.Equal([0, 1], ranks.Keys.Order());
        Assert.Equal(3 * 91, long.Parse(single[0]["rows"], CultureInfo.InvariantCulture));
        long[] shares = [long.Parse(ranks[0]["rows"], CultureInfo.InvariantCulture), long.Parse(ranks[1]["rows"], CultureInfo.InvariantCulture)];
        Assert.Equal(3 * 91, shares.Sum());
        Assert.All(shares, s => Assert.InRange(s, 3 * 45, 3 * 46));
        Assert.Equal(ranks[0]["weights"], ranks[1]["weights"]);
        Assert.Equal(ranks[0]["epochs"], ranks[1]["epochs"]);
        Assert.Equal(ranks[0]["estimator"], ranks[1]["estimator"]);

        var expected = Floats(Path.Combine(singleDir, "weights.bin"));
        var actual = Floats(Path.Combine(ranksDir, "weights.bin"));
        Assert.Equal(expected.Length, actual.Length);
        double worst = expected.Zip(actual, (a, b) => Math.Abs(a - b)).Max();
        output.WriteLine($"largest weight difference: {worst:E2}");
        Assert.True(worst <= WeightTolerance, $"weights differ by up to {worst:E2}");
        var (oneEpochs, twoEpochs) = (Numbers(single[0]["epochs"]), Numbers(ranks[0]["epochs"]));
        Assert.Equal(oneEpochs.Length, twoEpochs.Length);
        for (int i = 0; i < oneEpochs.Length; i++) Assert.Equal(oneEpochs[i], twoEpochs[i], 1e-5);
    }

    [MpirunFact]
    public void MpiRunnerRelaunchesTheProgramOnTwoRanksAndReturnsRankZerosResult()
    {
        var (code, stdout, stderr) = Mpirun.Dotnet(0, Limit, Mpirun.SelfTest, "runner");
        output.WriteLine(stdout + stderr);
        Assert.True(code == 0, $"exit code {code}:\n{stdout}\n{stderr}");
        Assert.Single(Regex.Matches(stdout, "started launched=False"));
        Assert.Equal(2, Regex.Matches(stdout, "started launched=True").Count);
        Assert.Contains("rank=0 size=2 sum=3 broadcast=42 session_ranks=2", stdout);
        Assert.Contains("rank=1 size=2 sum=3 broadcast=42 session_ranks=2", stdout);
        Assert.Equal(["result=rank 0 of 2: sum 3"], Regex.Matches(stdout, "result=.*").Select(m => m.Value.Trim()));
    }

    [MpirunFact]
    public void DlpTrainOnTwoRanksSavesOneModelThatDlpPredictUses()
    {
        string images = SyntheticImages.Folder(perClass: 24), single = TestPaths.NewTempDir(), twoRanks = TestPaths.NewTempDir();
        string[] Train(string dir) =>
            [Mpirun.Dlp, "train", "--images", images, "--layers", "conv4-pool-dense8", "--size", "12", "--epochs", "3", "--batch", "8", "--seed", "2",
             "--out", Path.Combine(dir, "shades.onnx"), "--json"];
        JsonElement Json((int ExitCode, string Stdout, string Stderr) run)
        {
            output.WriteLine(run.Stdout + run.Stderr);
            Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}:\n{run.Stdout}\n{run.Stderr}");
            return JsonDocument.Parse(Assert.Single(JsonLine().Matches(run.Stdout)).Value).RootElement;
        }
        var one = Json(Mpirun.Dotnet(0, Limit, Train(single)));
        var two = Json(Mpirun.Dotnet(2, Limit, Train(twoRanks)));

        Assert.Equal(["shades.classes.txt", "shades.curves.png", "shades.curves.svg", "shades.onnx"], Directory.GetFiles(twoRanks).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        double[] Losses(JsonElement run) => run.GetProperty("epochs").EnumerateArray()
            .SelectMany(e => new[] { e.GetProperty("loss").GetDouble(), e.GetProperty("validationLoss").GetDouble() }).ToArray();
        var (oneLosses, twoLosses) = (Losses(one), Losses(two));
        Assert.Equal(oneLosses.Length, twoLosses.Length);
        for (int i = 0; i < oneLosses.Length; i++) Assert.Equal(oneLosses[i], twoLosses[i], 1e-5);

        var (code, stdout, stderr) = Mpirun.Dotnet(0, Limit, Mpirun.Dlp, "predict", "--model", Path.Combine(twoRanks, "shades.onnx"), "--top", "1", Path.Combine(images, "light"));
        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("light", stdout);
    }

    [MpirunFact]
    public void DlpTrainOnTwoRanksRunAgainAfterOneRankIsKilledSavesTheUninterruptedModel()
    {
        string images = SyntheticImages.Folder(perClass: 40), work = TestPaths.NewTempDir();
        string[] Train(string name) =>
            [Mpirun.Dlp, "train", "--images", images, "--layers", "conv8-pool-dense16", "--size", "16", "--epochs", "12", "--batch", "8", "--seed", "2",
             "--checkpoint-dir", Path.Combine(work, name), "--checkpoint-every", "20", "--resume", "--out", Path.Combine(work, name + ".onnx")];
        void Succeeds((int ExitCode, string Stdout, string Stderr) run) => Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}:\n{run.Stdout}\n{run.Stderr}");

        Succeeds(Mpirun.Dotnet(2, Limit, Train("uninterrupted")));
        string killed = Path.Combine(work, "killed");
        var start = new ProcessStartInfo(Mpirun.Path!) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--allow-run-as-root", "--oversubscribe", "-np", "2", "dotnet" }.Concat(Train("killed"))) start.ArgumentList.Add(arg);
        using (var job = Process.Start(start)!)
        {
            var stdout = job.StandardOutput.ReadToEndAsync();
            var stderr = job.StandardError.ReadToEndAsync();
            var clock = Stopwatch.StartNew();
            while (!(Directory.Exists(killed) && Directory.GetFiles(killed, "checkpoint-*.state").Length > 0))
            {
                if (job.HasExited) Assert.Fail($"the job ended before its first checkpoint:\n{stdout.Result}\n{stderr.Result}");
                Assert.True(clock.Elapsed < Limit, "no checkpoint in time");
                Thread.Sleep(5);
            }
            Process.GetProcessById(RankOne(killed)).Kill(); // SIGKILL; mpirun then ends rank 0
            Assert.True(job.WaitForExit(Limit), "mpirun did not end after rank 1 was killed");
            output.WriteLine(stdout.Result + stderr.Result);
            Assert.NotEqual(0, job.ExitCode);
        }
        Assert.False(File.Exists(killed + ".onnx"), "the job was killed before it saved its model");

        Succeeds(Mpirun.Dotnet(2, Limit, Train("killed")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(work, "uninterrupted.onnx")), File.ReadAllBytes(killed + ".onnx"));
    }

    /// <summary>The process id of rank 1 of the job whose command line names <paramref name="marker"/>.</summary>
    private static int RankOne(string marker)
    {
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int pid)) continue;
            try
            {
                string commandLine = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (!commandLine.Contains(marker, StringComparison.Ordinal) || commandLine.Contains("mpirun", StringComparison.Ordinal)) continue;
                if (File.ReadAllText(Path.Combine(dir, "environ")).Split('\0').Contains("OMPI_COMM_WORLD_RANK=1")) return pid;
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        throw new InvalidOperationException($"No rank 1 process running with {marker} on its command line.");
    }

    private static Dictionary<int, Dictionary<string, string>> Parse((int ExitCode, string Stdout, string Stderr) run)
    {
        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}:\n{run.Stdout}\n{run.Stderr}");
        return ResultLine().Matches(run.Stdout)
            .GroupBy(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
            .ToDictionary(g => g.Key, g => g.ToDictionary(m => m.Groups[2].Value, m => m.Groups[3].Value.Trim()));
    }

    private static float[] Floats(string path) => MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(path)).ToArray();

    private static double[] Numbers(string epochs) =>
        epochs.Split([';', ','], StringSplitOptions.RemoveEmptyEntries).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();

    [GeneratedRegex(@"\{""validationAccuracy"".*\}")]
    private static partial Regex JsonLine();

    [GeneratedRegex(@"rank=(\d+) (\w+)=(.*)")]
    private static partial Regex ResultLine();
}
