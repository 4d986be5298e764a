using System.CommandLine;
using System.Text.Json;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Execution;
using Spectre.Console;

namespace DeepLearningPipelines.Cli.Bench;

/// <summary><c>dlp bench nn</c>: an engine of this library against plain ONNX Runtime on the same ONNX files, threads and input.</summary>
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
        var batch = new Option<int>("--batch") { Description = "One batch size (default: 1 and 32; VGG16: 1 and 8; a file whose input fixes the batch: that batch)" };
        var repeats = new Option<int>("--repeats") { Description = "Timed rounds after one warm-up run of each; a round times one run of each, in turns (the median is reported)", DefaultValueFactory = _ => 5 };
        var threads = new Option<int>("--threads") { Description = "Threads for each (managed engine: kernel threads; ONNX Runtime, ours and plain: intra-op threads, inter-op 1)", DefaultValueFactory = _ => 2 };
        var engine = EngineOption.Create();
        var work = new Option<string>("--work") { Description = "Folder for the exported ONNX files (default: ~/.cache/dlp/bench)" };
        var peak = new Option<double>("--peak-gflops-per-core") { Description = "This CPU's single-precision peak per core", DefaultValueFactory = _ => DefaultPeakGflopsPerCore };
        var json = new Option<bool>("--json") { Description = "Print one JSON object: engine, results (model, batch, oursImagesPerSecond, ortImagesPerSecond, ratio, cold starts, ...)" };
        var command = new Command("nn",
            "Compare an engine of this library (--engine) with plain ONNX Runtime (an InferenceSession on the file, CPU, all graph " +
            "optimisations) on the same ONNX files: zoo architectures with seeded random weights exported with OnnxExporter, or your " +
            "files. Reports the median images/s of each, ours/ORT, our GFLOPS (Conv, Gemm, MatMul at 2 FLOPs per multiply-add) against " +
            "the CPU's peak, the largest output difference, and the cold start of each (model import and compilation plus the first batch).")
        {
            models, batch, repeats, threads, engine, work, peak, json,
        };
        command.SetAction(parse =>
        {
            var provider = Engines.Provider(parse.GetValue(engine) is { } name ? Engines.Parse(name, "--engine") : null);
            var comparison = new RuntimeComparison(provider, Positive(parse.GetValue(threads), "--threads"), Positive(parse.GetValue(repeats), "--repeats"));
            string workFolder = parse.GetValue(work) ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "dlp", "bench");
            var names = parse.GetValue(models) is { Length: > 0 } given ? given : BenchModel.DefaultNames;
            bool jsonOutput = parse.GetValue(json);
            var log = jsonOutput ? Console.Error : Console.Out;
            var results = new List<BenchResult>();
            foreach (var modelName in names)
            {
                var model = BenchModel.Prepare(modelName, workFolder, log);
                foreach (int b in Batches(model, parse.GetValue(batch)))
                {
                    var result = comparison.Run(model, b);
                    log.WriteLine($"{result.Model} batch {b}: {result.Engine} {result.OursImagesPerSecond:F2} images/s, ONNX Runtime {result.OrtImagesPerSecond:F2} images/s, max |diff| {result.MaxAbsDifference:G3} of max |output| {result.MaxAbsOutput:G3}");
                    results.Add(result);
                }
            }
            double peakGflops = parse.GetValue(peak) * parse.GetValue(threads);
            if (jsonOutput) Console.WriteLine(ToJson(results, provider.Name, parse.GetValue(threads), peakGflops));
            else Print(results, provider.Name, parse.GetValue(threads), peakGflops);
            return 0;
        });
        return command;
    }

    /// <summary>The batch sizes to run: the one asked for, else the file's fixed batch, else 1 and 32 (VGG16: 1 and 8, to bound its time and memory).</summary>
    private static int[] Batches(BenchModel model, int requested)
    {
        if (model.FixedBatch is { } fixedBatch)
            return requested <= 0 || requested == fixedBatch ? [fixedBatch]
                : throw new DlpException($"{model.Name}: its input fixes the batch at {fixedBatch}; --batch {requested} cannot run on it.");
        return requested > 0 ? [requested] : model.Name.Equals("VGG16", StringComparison.OrdinalIgnoreCase) ? [1, 8] : [1, 32];
    }

    private static int Positive(int value, string option) =>
        value > 0 ? value : throw new DlpException($"{option} must be at least 1, not {value}.");

    private static string ToJson(IReadOnlyList<BenchResult> results, string engine, int threads, double peakGflops) => JsonSerializer.Serialize(new
    {
        engine,
        ortVersion = PlainOrtSession.Version,
        threads,
        peakGflops,
        results = results.Select(r => new
        {
            model = r.Model,
            includesTop = r.IncludesTop,
            batch = r.Batch,
            engine = r.Engine,
            oursImagesPerSecond = r.OursImagesPerSecond,
            ortImagesPerSecond = r.OrtImagesPerSecond,
            ratio = r.Ratio,
            oursColdStartSeconds = r.OursColdSeconds,
            ortColdStartSeconds = r.OrtColdSeconds,
            oursGflops = r.OursGflops,
            ortGflops = r.OrtGflops,
            oursPeakFraction = r.OursGflops / peakGflops,
            maxAbsDifference = r.MaxAbsDifference,
            maxAbsOutput = r.MaxAbsOutput,
            relativeDifference = r.RelativeDifference,
        }),
    });

    private static void Print(IReadOnlyList<BenchResult> results, string engine, int threads, double peakGflops)
    {
        var table = new Table().Title($"{Markup.Escape(engine)} engine vs plain ONNX Runtime {Markup.Escape(PlainOrtSession.Version)}, {threads} threads each")
            .Caption($"img/s at the median time; ratio = ours/ORT; GFLOPS: ours (% of peak {peakGflops:F0}); diff: max |ours - ORT| / max |ORT output|; cold: import + compile + first batch")
            .AddColumns("model", "batch", $"{Markup.Escape(engine)} img/s", "ORT img/s", "ratio", "GFLOPS", "diff", "cold s (ours / ORT)");
        foreach (var r in results)
            table.AddRow(Markup.Escape(r.IncludesTop ? r.Model : r.Model + " (no top)"), r.Batch.ToString(), r.OursImagesPerSecond.ToString("F1"), r.OrtImagesPerSecond.ToString("F1"),
                r.Ratio.ToString("F2"), $"{r.OursGflops:F0} ({100 * r.OursGflops / peakGflops:F0}%)", r.RelativeDifference.ToString("G2"),
                $"{r.OursColdSeconds:F2} / {r.OrtColdSeconds:F2}");
        AnsiConsole.Write(table);
    }
}
