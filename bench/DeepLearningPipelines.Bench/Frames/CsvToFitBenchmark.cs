using System.Diagnostics;
using System.Globalization;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Ml.Classification;
using DeepLearningPipelines.Ml.Feature;
using static DeepLearningPipelines.Frames.Functions;

namespace DeepLearningPipelines.Bench.Frames;

/// <summary>
/// The DataFrame path of a fit: CSV read, VectorAssembler and LogisticRegression (10 iterations) on the letters
/// data repeated to 200,000 rows. Prints the median time and the bytes allocated per run for "read + assemble"
/// (counted) and for the whole fit.
/// </summary>
internal static class CsvToFitBenchmark
{
    public static int Run(string[] args)
    {
        string data = args.Length > 0 ? args[0] : Path.Combine(Ml.MlFitBenchmark.FindRoot(), "..", "shared", "data", "letter-recognition", "letter-recognition.csv");
        int repeats = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var csv = Path.Combine(Path.GetTempPath(), $"dlp-bench-letters200k-{Environment.ProcessId}.csv");
        var lines = File.ReadAllLines(data);
        File.WriteAllLines(csv, lines.Take(1).Concat(Enumerable.Repeat(lines.Skip(1), 10).SelectMany(l => l)));
        try
        {
            using var session = DlpSession.Builder().Master("local[2]").NewSession();
            DataFrame Assembled()
            {
                var raw = session.Read().Option("header", true).Option("inferSchema", true).Csv(csv);
                return new VectorAssembler().SetInputCols(raw.Columns.Skip(1).ToArray()).SetOutputCol("features")
                    .Transform(raw.WithColumn("label", Col("lettr").Cast("double")));
            }
            long rows = Assembled().Count();
            Console.WriteLine($"letters x10: {rows} rows, 16 features; median of {repeats}; {Environment.ProcessorCount} cores");
            Report("read + assemble (count)", repeats, () => Assembled().Count());
            Report("read + assemble + LR fit", repeats, () => new LogisticRegression().SetMaxIter(10).Fit(Assembled()));
        }
        finally { File.Delete(csv); }
        return 0;
    }

    private static void Report(string name, int repeats, Action run)
    {
        run();
        var runs = Enumerable.Range(0, repeats).Select(_ =>
        {
            GC.Collect();
            long before = GC.GetTotalAllocatedBytes(true);
            var sw = Stopwatch.StartNew();
            run();
            return (Seconds: sw.Elapsed.TotalSeconds, Bytes: GC.GetTotalAllocatedBytes(true) - before);
        }).OrderBy(r => r.Seconds).ToList();
        var median = runs[runs.Count / 2];
        Console.WriteLine($"{name,-28}{median.Seconds,8:F3} s{median.Bytes / 1048576.0,10:F1} MiB allocated");
    }
}
