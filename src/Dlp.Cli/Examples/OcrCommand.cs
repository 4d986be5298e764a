using System.CommandLine;
using System.Text.Json;
using DeepLearningPipelines.Cli.Ui;
using Spectre.Console;

namespace DeepLearningPipelines.Cli.Examples;

/// <summary><c>dlp examples ocr</c>: the letter-recognition case study.</summary>
internal static class OcrCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "Path of letter-recognition.csv (default: $DLP_DATA/letter-recognition/ or the repository's samples/)" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of tables" };
        var output = new Option<string>("--out") { Description = "Folder for the confusion matrix picture and classification report", DefaultValueFactory = _ => "dlp-output/ocr" };
        var hidden = new Option<string[]>("--best-hidden") { Description = "Hidden-layer candidates for best, e.g. 128 256 or 64,64 (default: 128 256)", AllowMultipleArgumentsPerToken = true }
            .PositiveLists("hidden-layer sizes");
        var maxIter = new Option<int>("--best-max-iter") { Description = "L-BFGS iteration cap for best", DefaultValueFactory = _ => OcrSettings.Default.BestMaxIter }
            .Positive("iterations");
        var sample = new Option<double>("--sample")
        {
            Description = "Run on this fraction of the rows, in (0, 1], drawn per row with seed 12345 (the same rows on any number of cores or ranks), " +
                          "for a quick check; the metrics then differ from the full study's (default: 1, every row)",
            DefaultValueFactory = _ => 1.0,
        };
        sample.Validators.Add(result =>
        {
            if (result.Tokens.Count == 0 || !double.TryParse(result.Tokens[^1].Value, System.Globalization.CultureInfo.InvariantCulture, out double f)) return; // a non-number is reported by the parser
            if (!(f > 0 && f <= 1)) result.AddError($"--sample must be a fraction in (0, 1], got {result.Tokens[^1].Value}");
        });
        var command = new Command("ocr", "Letter recognition with MultilayerPerceptronClassifier: Spark's two settings and the best pipeline, compared on a 75/25 split (seed 12345).")
        {
            data, json, output, hidden, maxIter, sample,
        };
        command.SetAction(parse =>
        {
            var candidates = parse.GetValue(hidden) is { Length: > 0 } h ? h.Select(c => c.Split(',').Select(int.Parse).ToArray()).ToArray() : OcrSettings.Default.BestHidden;
            return Run(parse.GetValue(data), parse.GetValue(json), parse.GetValue(output)!, new OcrSettings(candidates, parse.GetValue(maxIter), parse.GetValue(sample)));
        });
        UiOption.AddTo(command);
        return command;
    }

    private static int Run(string? dataOption, bool json, string outDir, OcrSettings settings)
    {
        OutputPaths.CheckFolder(outDir, "--out");
        var path = DataLocator.Find(dataOption, OcrExample.DataRelativePath, "--data");
        var job = RunningJob.Current;
        var report = OcrExample.Run(path, settings, line =>
        {
            job.StartStage(line);
            if (!json) AnsiConsole.MarkupLine($"[grey]{Markup.Escape(line)}[/]");
        }, job);
        var (svg, png, text, curves) = OcrExample.WriteArtifacts(report, outDir);
        job.Complete(string.Join("\n", report.Configs.Select(c => $"{c.Name}: accuracy {c.Accuracy:F4}, weighted precision {c.WeightedPrecision:F4}, " +
            $"weighted recall {c.WeightedRecall:F4}, OvR ROC AUC {c.OneVsRestRocAuc:F4}, train {c.TrainSeconds:F1} s")
            .Append($"confusion matrix: {svg}; training curves: {curves}; classification report: {text}")));
        if (json)
        {
            var payload = new
            {
                trainRows = report.TrainRows,
                testRows = report.TestRows,
                configs = report.Configs.Select(c => new { name = c.Name, accuracy = c.Accuracy, weightedPrecision = c.WeightedPrecision, weightedRecall = c.WeightedRecall, oneVsRestRocAuc = c.OneVsRestRocAuc, trainSeconds = c.TrainSeconds, description = c.Description }),
                confusionMatrix = svg,
                trainingCurves = curves,
                classificationReport = text,
            };
            Console.WriteLine(JsonSerializer.Serialize(payload));
            return 0;
        }
        var table = new Table().Title("Letter recognition: test-set metrics").AddColumns("config", "accuracy", "weightedPrecision", "weightedRecall", "OvR ROC AUC", "train s");
        foreach (var c in report.Configs)
            table.AddRow(c.Name, c.Accuracy.ToString("F4"), c.WeightedPrecision.ToString("F4"), c.WeightedRecall.ToString("F4"), c.OneVsRestRocAuc.ToString("F4"), c.TrainSeconds.ToString("F1"));
        AnsiConsole.Write(table);
        foreach (var c in report.Configs) AnsiConsole.MarkupLine($"[bold]{c.Name}[/]: {Markup.Escape(c.Description)}");
        AnsiConsole.MarkupLine($"Spark MLlib reference: spark-small 0.3396, spark-large 0.7158.");
        AnsiConsole.MarkupLine($"Confusion matrix of best: [blue]{Markup.Escape(svg)}[/] (and {Markup.Escape(Path.GetFileName(png))}); training curves: [blue]{Markup.Escape(curves)}[/] (and .svg); classification report: [blue]{Markup.Escape(text)}[/]");
        return 0;
    }
}
