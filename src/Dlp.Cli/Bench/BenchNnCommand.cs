using System.CommandLine;
using System.Text.Json;
using DeepLearningPipelines.Cli.Bench.Ort;
using Spectre.Console;

namespace DeepLearningPipelines.Cli.Bench;

/// <summary><c>dlp bench nn</c>: this neural runtime against ONNX Runtime on the same ONNX files, threads and input.</summary>
internal static class BenchNnCommand
{
    /// <summary>Single-precision peak of one core of the benchmark machine (AMD EPYC Zen 4: 32 FLOP per cycle from two 256-bit FMA pipes, at about 3.55 GHz).</summary>
    private const double DefaultPeakGflopsPerCore = 114;

    public static Command Create()
    {
        var models = new Option<string[]>("--model")
        {
            Description = $"Zoo models or .onnx files (repeatable; default: {string.Join(", ", BenchModel.DefaultNames)})",
            AllowMultipleArgumentsPerToken = true,
        };
        var batch = new Option<int>("--batch") { Description = "One batch size (default: 1 and 32; VGG16: 1 and 8)" };
        var repeats = new Option<int>("--repeats") { Description = "Timed rounds after one warm-up run of each runtime; a round times one run of each, in turns (the median is reported)", DefaultValueFactory = _ => 5 };
        var threads = new Option<int>("--threads") { Description = "Threads for each runtime (ours: kernel threads; ORT: intra-op, inter-op 1)", DefaultValueFactory = _ => 2 };
        var ortPath = new Option<string>("--ort") { Description = "libonnxruntime.so (default: DLP_ORT_LIBRARY, else the scripts/install-ort.sh folder)" };
        var work = new Option<string>("--work") { Description = "Folder for the exported ONNX files (default: ~/.cache/dlp/bench)" };
        var peak = new Option<double>("--peak-gflops-per-core") { Description = "This CPU's single-precision peak per core", DefaultValueFactory = _ => DefaultPeakGflopsPerCore };
        var json = new Option<bool>("--json") { Description = "Print one JSON object: results (model, batch, oursImagesPerSecond, ortImagesPerSecond, ratio, ...)" };
        var command = new Command("nn",
            "Compare this runtime with ONNX Runtime (CPU, all graph optimisations) on the same ONNX files: zoo architectures " +
            "with seeded random weights exported with OnnxExporter. Reports the median images/s of each, ours/ORT, our GFLOPS " +
            "(Conv, Gemm, MatMul at 2 FLOPs per multiply-add) against the CPU's peak, and the largest output difference.")
        {
            models, batch, repeats, threads, ortPath, work, peak, json,
        };
        command.SetAction(parse =>
        {
            var ort = OrtRuntime.Load(OrtLibraryLocator.Resolve(parse.GetValue(ortPath)));
            var comparison = new RuntimeComparison(ort, Positive(parse.GetValue(threads), "--threads"), Positive(parse.GetValue(repeats), "--repeats"));
            string workFolder = parse.GetValue(work) ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "dlp", "bench");
            var names = parse.GetValue(models) is { Length: > 0 } given ? given : BenchModel.DefaultNames;
            bool jsonOutput = parse.GetValue(json);
            var log = jsonOutput ? Console.Error : Console.Out;
            var results = new List<BenchResult>();
            foreach (var name in names)
            {
                var model = BenchModel.Prepare(name, workFolder, log);
                foreach (int b in Batches(model, parse.GetValue(batch)))
                {
                    var result = comparison.Run(model, b);
                    log.WriteLine($"{result.Model} batch {b}: ours {result.OursImagesPerSecond:F2} images/s, ONNX Runtime {result.OrtImagesPerSecond:F2} images/s, max |diff| {result.MaxAbsDifference:G3} of max |output| {result.MaxAbsOutput:G3}");
                    results.Add(result);
                }
            }
            double peakGflops = parse.GetValue(peak) * parse.GetValue(threads);
            if (jsonOutput) Console.WriteLine(ToJson(results, ort, parse.GetValue(threads), peakGflops));
            else Print(results, ort, parse.GetValue(threads), peakGflops);
            return 0;
        });
        return command;
    }

    /// <summary>The batch sizes to run: the one asked for, else 1 and 32 (VGG16: 1 and 8, to bound its time and memory).</summary>
    private static int[] Batches(BenchModel model, int requested) =>
        requested > 0 ? [requested] : model.Name.Equals("VGG16", StringComparison.OrdinalIgnoreCase) ? [1, 8] : [1, 32];

    private static int Positive(int value, string option) =>
        value > 0 ? value : throw new Core.DlpException($"{option} must be at least 1, not {value}.");

    private static string ToJson(IReadOnlyList<BenchResult> results, OrtRuntime ort, int threads, double peakGflops) => JsonSerializer.Serialize(new
    {
        ortVersion = ort.Version,
        threads,
        peakGflops,
        results = results.Select(r => new
        {
            model = r.Model,
            includesTop = r.IncludesTop,
            batch = r.Batch,
            oursImagesPerSecond = r.OursImagesPerSecond,
            ortImagesPerSecond = r.OrtImagesPerSecond,
            ratio = r.Ratio,
            oursGflops = r.OursGflops,
            ortGflops = r.OrtGflops,
            oursPeakFraction = r.OursGflops / peakGflops,
            maxAbsDifference = r.MaxAbsDifference,
            maxAbsOutput = r.MaxAbsOutput,
            relativeDifference = r.RelativeDifference,
        }),
    });

    private static void Print(IReadOnlyList<BenchResult> results, OrtRuntime ort, int threads, double peakGflops)
    {
        var table = new Table().Title($"this runtime vs ONNX Runtime {Markup.Escape(ort.Version)}, {threads} threads each")
            .Caption($"img/s at the median time; ratio = ours/ORT; GFLOPS: ours (% of peak {peakGflops:F0}); diff: max |ours - ORT| / max |ORT output|")
            .AddColumns("model", "batch", "ours img/s", "ORT img/s", "ratio", "GFLOPS", "diff");
        foreach (var r in results)
            table.AddRow(Markup.Escape(r.IncludesTop ? r.Model : r.Model + " (no top)"), r.Batch.ToString(), r.OursImagesPerSecond.ToString("F1"), r.OrtImagesPerSecond.ToString("F1"),
                r.Ratio.ToString("F2"), $"{r.OursGflops:F0} ({100 * r.OursGflops / peakGflops:F0}%)", r.RelativeDifference.ToString("G2"));
        AnsiConsole.Write(table);
    }
}
