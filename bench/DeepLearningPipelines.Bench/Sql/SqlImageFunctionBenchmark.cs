using System.Diagnostics;
using System.Globalization;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Sql;
using DeepLearningPipelines.Vision.Sources;
using DeepLearningPipelines.Vision.Stages;

namespace DeepLearningPipelines.Bench.Sql;

/// <summary>
/// <c>SELECT image.origin, f(image) FROM images</c> with an image model registered as a SQL function, against
/// <c>DeepImagePredictor</c> on the same images, model and engine (no feature cache), in alternating runs.
/// Usage: <c>sql-images [MODEL] [COPIES] [RUNS]</c>: MODEL a zoo name or model file (default: the bundled SqueezeNet),
/// COPIES how many times the 60 birds-planes photos are repeated (default 4: 240 images), RUNS runs of each (default 5).
/// </summary>
internal static class SqlImageFunctionBenchmark
{
    public static int Run(string[] args)
    {
        string root = Ml.MlFitBenchmark.FindRoot();
        string model = args.Length > 0 ? args[0] : Path.Combine(root, "samples", "models", "squeezenet1.1", "model.onnx");
        int copies = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 4;
        int runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
        bool file = File.Exists(model);
        var dir = Photos(root, copies);
        int n = Directory.GetFiles(dir).Length;

        using var session = DlpSession.Builder().GetOrCreate();
        var images = session.ReadImages(dir, new ImageReadOptions { BatchSize = 32 });
        images.CreateOrReplaceTempView("images");
        session.Udf.RegisterImageModel("f", model, new ImageModelFunctionOptions { Bgr = file, BatchSize = 32 });
        var predictor = new DeepImagePredictor().SetModelName(model).SetBgr(file).SetUseCache(false).SetBatchSize(32).SetOutputCol("p");

        double Time(Func<DataFrame> query)
        {
            var watch = Stopwatch.StartNew();
            query().ForEachBatch((_, _) => { });
            return n / watch.Elapsed.TotalSeconds;
        }
        DataFrame Sql() => session.Sql("SELECT image.origin, f(image) FROM images");
        DataFrame Program() => predictor.Transform(images).Select("image.origin", "p");

        Time(Sql);     // loads the model and warms the caches of the file system
        Time(Program);
        var sql = new List<double>();
        var program = new List<double>();
        for (int r = 0; r < runs; r++)
        {
            // Alternating which goes first cancels any drift of a shared machine.
            if (r % 2 == 0) { program.Add(Time(Program)); sql.Add(Time(Sql)); }
            else { sql.Add(Time(Sql)); program.Add(Time(Program)); }
        }
        double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
        Console.WriteLine($"model {Path.GetFileName(model)}; {n} photos; {session.Parallelism} cores; {runs} runs each, medians; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine($"DataFrame DeepImagePredictor  {Median(program),8:F1} images/s   runs: {string.Join(", ", program.Select(x => x.ToString("F1", CultureInfo.InvariantCulture)))}");
        Console.WriteLine($"SQL f(image)                  {Median(sql),8:F1} images/s   runs: {string.Join(", ", sql.Select(x => x.ToString("F1", CultureInfo.InvariantCulture)))}");
        Console.WriteLine($"ratio SQL / DataFrame         {Median(sql) / Median(program),8:F2}");
        return 0;
    }

    /// <summary>A folder of links to the birds-planes photos, each repeated <paramref name="copies"/> times.</summary>
    private static string Photos(string root, int copies)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"dlp-bench-sql-photos-{copies}");
        var sources = new[] { "birds", "planes" }.SelectMany(f => Directory.GetFiles(Path.Combine(root, "samples", "birds-planes", f), "*.jpg")).ToArray();
        if (Directory.Exists(dir) && Directory.GetFiles(dir).Length == sources.Length * copies) return dir;
        Directory.CreateDirectory(dir);
        for (int c = 0; c < copies; c++)
            foreach (var s in sources)
            {
                var link = Path.Combine(dir, $"{c}-{Path.GetFileName(s)}");
                if (!File.Exists(link)) File.CreateSymbolicLink(link, s);
            }
        return dir;
    }
}
