using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Frames.Arrow;
using DeepLearningPipelines.Frames.IO;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Vision.Stages;
using Spectre.Console;

namespace DeepLearningPipelines.Cli.Images;

/// <summary><c>dlp predict</c>: the DeepImagePredictor over image files and folders.</summary>
internal static class PredictCommand
{
    public static Command Create()
    {
        var options = PredictOptions.Create();
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var output = new Option<string?>("--out")
        {
            Description = "Write the predictions to a file instead of printing them: .csv (origin, rank, class, description, probability; " +
                          "one line per class), .jsonl ({\"origin\":…,\"top\":[{\"class\",\"description\",\"probability\"}…]}) or .parquet " +
                          "(origin string, top list of structs), rows in file order; with a model saved by dlp train, class and description are both the class name. " +
                          "Written in parts (see --part-size) and joined at the end",
        };
        var job = new OutputJobOptions();
        var inputs = new Argument<string[]>("images") { Description = "Image files or folders (searched recursively)", Arity = ArgumentArity.OneOrMore };
        var command = new Command("predict", "Classify images with a pretrained ImageNet model or a model saved by dlp train and print the top classes (or write them with --out).")
        {
            json, output, job.PartSize, job.Restart, inputs,
        };
        options.AddTo(command);
        command.SetAction(parse =>
        {
            var outPath = parse.GetValue(output);
            var formatFor = outPath is null ? null : OutputFormat(outPath);
            var target = outPath is null ? null : OutputPaths.CheckFile(outPath, "--out");
            var classNames = options.ClassNames(parse); // a model saved by dlp train
            var predictor = options.Predictor(parse, DlpSession.Active, classNames);
            var paths = parse.GetValue(inputs)!;
            var spec = predictor.LoadModel(DlpSession.Active).Spec;
            var readOptions = ImageInputs.Options(paths, parse.GetValue(options.DropInvalid), (spec.InputWidth, spec.InputHeight));
            var frame = target is null
                ? predictor.TransformFiles(DlpSession.Active, paths, readOptions)
                : job.Partitioned(parse, partitions => predictor.TransformFiles(DlpSession.Active, paths, readOptions with { NumPartitions = partitions }));
            var listed = ImageDrops.ListedFiles(frame, paths);
            if (target is not null)
            {
                int images = 0;
                var named = classNames is null ? frame : options.NamedTopClasses(parse, frame, classNames);
                ResumableFileJob.Run(target, named, formatFor!(named), job.Fingerprint(parse, named), job.RestartRequested(parse), (_, _) => { },
                    (produced, firstProblem) =>
                    {
                        ImageDrops.Report(listed, produced, frame, firstProblem);
                        images = produced.Count;
                    });
                Console.WriteLine($"{images} images → {outPath}");
                return 0;
            }
            var (batches, problem) = ImageDrops.Collect(frame);
            var rows = batches.SelectMany(b => b.Rows())
                .Select(r => (Origin: (string)r["origin"]!, Top: options.TopClasses(parse, r["top"], classNames))).OrderBy(r => r.Origin, StringComparer.Ordinal).ToList();
            ImageDrops.Report(listed, rows.Select(r => r.Origin).ToHashSet(StringComparer.Ordinal), frame, problem);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    predictions = rows.Select(r => new
                    {
                        origin = r.Origin,
                        top = r.Top.Select(t => new { @class = (string)t["class"]!, description = (string)t["description"]!, probability = (float)t["probability"]! }),
                    }),
                }));
                return 0;
            }
            var table = new Table().AddColumns("image", "class", "description", "probability");
            foreach (var (origin, topClasses) in rows)
                for (int i = 0; i < topClasses.Length; i++)
                    table.AddRow(i == 0 ? Markup.Escape(origin) : "", (string)topClasses[i]["class"]!, Markup.Escape((string)topClasses[i]["description"]!), ((float)topClasses[i]["probability"]!).ToString("F4"));
            AnsiConsole.Write(table);
            return 0;
        });
        EngineOption.AddTo(command);
        return command;
    }

    /// <summary>The part format <paramref name="outPath"/>'s extension names, for a frame of (origin, top).</summary>
    private static Func<DataFrame, PartFileFormat> OutputFormat(string outPath)
    {
        if (outPath.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase))
            return frame => PartFileFormat.Parquet(ArrowTypes.ToSchema(new StructType(frame.Schema[0], frame.Schema[1])));
        if (outPath.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || outPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            return _ => PartFileFormat.Text(batch => Predictions(batch).Select(p => JsonSerializer.Serialize(new
            {
                origin = p.Origin,
                top = p.Top.Select(t => new { @class = (string)t["class"]!, description = (string)t["description"]!, probability = (float)t["probability"]! }),
            })));
        if (outPath.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            return _ => PartFileFormat.Text(batch => Predictions(batch).SelectMany(p => p.Top.Select((t, i) => string.Join(",",
                CsvText.Quote(p.Origin, ','), (i + 1).ToString(CultureInfo.InvariantCulture), CsvText.Quote((string)t["class"]!, ','),
                CsvText.Quote((string)t["description"]!, ','), ((float)t["probability"]!).ToString("R", CultureInfo.InvariantCulture)))),
                header: "origin,rank,class,description,probability");
        throw new DataFormatException($"--out {outPath}: use a .csv, .jsonl or .parquet file name.");
    }

    private static IEnumerable<(string Origin, Row[] Top)> Predictions(RowBatch batch)
    {
        for (int r = 0; r < batch.RowCount; r++) yield return ((string)batch.GetValue(0, r)!, (Row[])batch.GetValue(1, r)!);
    }
}
