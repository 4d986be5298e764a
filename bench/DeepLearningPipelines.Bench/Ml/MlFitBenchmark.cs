using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Ml;
using DeepLearningPipelines.Ml.Classification;
using DeepLearningPipelines.Ml.Feature;
using static DeepLearningPipelines.Frames.Functions;

namespace DeepLearningPipelines.Bench.Ml;

/// <summary>
/// Fit time of LogisticRegression and the OCR case study's MLPs on the letters training split, against scikit-learn
/// fitting the same rows with the same settings in the same run; prints the ratio sklearn/ours (above 1 = we are faster).
/// </summary>
internal static class MlFitBenchmark
{
    public static int Run(string[] args)
    {
        string data = args.Length > 0 ? args[0] : Path.Combine(FindRoot(), "samples", "letter-recognition", "letter-recognition.csv");
        int repeats = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var session = DlpSession.Builder().Master("local[2]").GetOrCreate();
        var raw = session.Read().Option("header", true).Option("inferSchema", true).Csv(data);
        var labelled = raw.WithColumn("label", Col("lettr").Cast("double"));
        var train = labelled.RandomSplit([0.75, 0.25], 12345)[0].Cache();
        var trainCsv = Path.Combine(Path.GetTempPath(), $"dlp-bench-letters-{Environment.ProcessId}");
        train.Drop("label").Write().Mode("overwrite").Option("header", true).Csv(trainCsv);
        var features = new VectorAssembler().SetInputCols(raw.Columns.Skip(1).ToArray()).SetOutputCol("features").Transform(train).Select("features", "label").Cache();
        long rows = features.Count();
        var scaled = new StandardScaler().SetInputCol("features").SetOutputCol("scaled").SetWithMean(true).Fit(features).Transform(features).Cache();

        var ours = new Dictionary<string, Func<(double Seconds, int Iterations)>>
        {
            ["logistic-regression"] = () => Time(() => new LogisticRegression().SetMaxIter(100).SetRegParam(0.01).SetTol(1e-6).SetStandardization(false).Fit(features) is var m ? m.TotalIterations : 0),
            ["spark-small"] = () => Time(() => Mlp(features, "features", [16, 8, 4, 26], 100)),
            ["spark-large"] = () => Time(() => Mlp(features, "features", [16, 16, 12, 26], 400)),
            ["best-256"] = () => Time(() => Mlp(scaled, "scaled", [16, 256, 26], 400)),
        };
        Console.WriteLine($"letters training split: {rows} rows, 16 features, 26 classes; median of {repeats} fits; 2 cores");
        var measured = ours.ToDictionary(kv => kv.Key, kv => Median(Enumerable.Range(0, repeats).Select(_ => kv.Value()).ToList()));

        var sklearn = RunSklearn(Directory.GetFiles(trainCsv, "part-*.csv"), repeats);
        Console.WriteLine($"{"learner",-22}{"ours s",10}{"iters",7}{"sklearn s",11}{"iters",7}{"sklearn/ours",14}");
        foreach (var (name, (seconds, iterations)) in measured)
        {
            var peer = sklearn.GetProperty(name);
            double ps = peer.GetProperty("seconds").GetDouble();
            Console.WriteLine($"{name,-22}{seconds,10:F3}{iterations,7}{ps,11:F3}{peer.GetProperty("iterations").GetInt32(),7}{ps / seconds,14:F2}");
        }
        Directory.Delete(trainCsv, recursive: true);
        return 0;
    }

    private static int Mlp(DataFrame df, string featuresCol, int[] layers, int maxIter) =>
        new MultilayerPerceptronClassifier().SetFeaturesCol(featuresCol).SetLayers(layers).SetMaxIter(maxIter).SetBlockSize(128).SetSeed(1234).Fit(df).ObjectiveHistory.Length - 1;

    private static (double, int) Time(Func<int> fit)
    {
        var sw = Stopwatch.StartNew();
        int iterations = fit();
        return (sw.Elapsed.TotalSeconds, iterations);
    }

    private static (double, int) Median(List<(double Seconds, int Iterations)> runs)
    {
        var sorted = runs.OrderBy(r => r.Seconds).ToList();
        return sorted[sorted.Count / 2];
    }

    private static JsonElement RunSklearn(string[] csvParts, int repeats)
    {
        var merged = Path.GetTempFileName();
        File.WriteAllLines(merged, csvParts.SelectMany((p, i) => File.ReadLines(p).Skip(i == 0 ? 0 : 1)));
        var script = Path.Combine(FindRoot(), "bench", "DeepLearningPipelines.Bench", "python", "sklearn_fit.py");
        var psi = new ProcessStartInfo("/usr/bin/python3", [script, merged, repeats.ToString(CultureInfo.InvariantCulture)]) { RedirectStandardOutput = true };
        psi.Environment["OMP_NUM_THREADS"] = "2";
        psi.Environment["OPENBLAS_NUM_THREADS"] = "2";
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("Cannot start /usr/bin/python3 (install python3-sklearn).");
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        File.Delete(merged);
        if (process.ExitCode != 0) throw new InvalidOperationException($"scikit-learn run failed with exit code {process.ExitCode}; install python3-sklearn.");
        return JsonDocument.Parse(output).RootElement;
    }

    internal static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DeepLearningPipelines.sln"))) return dir.FullName;
        return Environment.CurrentDirectory;
    }
}
