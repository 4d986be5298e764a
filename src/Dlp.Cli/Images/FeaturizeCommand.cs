using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DeepLearningPipelines.Frames;
using Apache.Arrow;
using DeepLearningPipelines.Frames.Arrow;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Vision.Stages;
using DeepLearningPipelines.Cli.Ui;
using Spectre.Console;

namespace DeepLearningPipelines.Cli.Images;

/// <summary><c>dlp featurize</c>: the DeepImageFeaturizer over a folder, written as CSV, JSON lines or Parquet.</summary>
internal static class FeaturizeCommand
{
    public static Command Create()
    {
        var images = new Option<string>("--images") { Description = "Folder of images (searched recursively)", Required = true };
        var model = new Option<string>("--model") { Description = "A zoo model name or an ONNX / TF.js / .h5 file", DefaultValueFactory = _ => "InceptionV3" };
        var layer = new Option<string?>("--feature-layer") { Description = "Layer (Keras) or value (ONNX) to take features from" };
        var pooling = new Option<string>("--pooling") { Description = "avg (default) or flatten", DefaultValueFactory = _ => "avg" };
        var output = new Option<string>("--out")
        {
            Description = "Output file: .csv (origin, f0, f1, …), .jsonl ({\"origin\":…,\"features\":[…]}) or .parquet (origin string, " +
                          "features vector struct, snappy), rows in file order. Written in parts in a hidden folder beside it (see --part-size) " +
                          "and joined at the end: a failed run leaves an existing file as it was",
            Required = true,
        };
        var cacheFolder = FeatureCacheOption.Create();
        var dropInvalid = ImageDrops.CreateOption();
        var fileOptions = ModelFileOptions.Create();
        var job = new OutputJobOptions();
        var command = new Command("featurize", "Compute CNN features of every image in a folder and write them to a file, with a progress bar.")
        {
            images, model, layer, pooling, output, job.PartSize, job.Restart, cacheFolder, dropInvalid, fileOptions.Size, fileOptions.Preprocess, fileOptions.Bgr,
        };
        command.SetAction(parse =>
        {
            var outPath = parse.GetValue(output)!;
            bool jsonl = outPath.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || outPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
            bool parquet = outPath.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase);
            if (!jsonl && !parquet && !outPath.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
                throw new DataFormatException($"--out {outPath}: use a .csv, .jsonl or .parquet file name.");
            var target = OutputPaths.CheckFile(outPath, "--out");
            var session = DlpSession.Active;
            bool cache = FeatureCacheOption.Apply(parse, cacheFolder, session);
            var featurizer = new DeepImageFeaturizer().SetModelName(parse.GetValue(model)!).SetPooling(parse.GetValue(pooling)!).SetUseCache(cache);
            fileOptions.Apply(parse, featurizer.Image, featurizer);
            if (parse.GetValue(layer) is { } l) featurizer.SetFeatureLayer(l);
            string[] inputs = [parse.GetValue(images)!];
            var spec = featurizer.LoadModel(session).Spec; // validates the model and feature layer before any image is read
            var readOptions = ImageInputs.Options(inputs, parse.GetValue(dropInvalid), (spec.InputWidth, spec.InputHeight));
            var frame = job.Partitioned(parse, partitions => featurizer.TransformFiles(session, inputs, readOptions with { NumPartitions = partitions }));
            var listed = ImageDrops.ListedFiles(frame, inputs);
            var format = parquet
                ? PartFileFormat.Parquet(ArrowTypes.ToSchema(new StructType(frame.Schema[0], frame.Schema[1])))
                : PartFileFormat.Text(batch => Lines(batch, jsonl));
            var written = new HashSet<string>(StringComparer.Ordinal);
            int resumed = 0; // images an earlier run wrote, left out of the rate
            var gate = new object();
            var watch = Stopwatch.StartNew();
            int produced = 0;
            var stage = RunningJob.Current.StartStage("featurizing", listed.Count, "images");
            // Under MPI every rank featurizes and writes its own partitions: a bar would show one rank's share only.
            void Featurize(ProgressTask? task) =>
                ResumableFileJob.Run(target, frame, format, job.Fingerprint(parse, frame), job.RestartRequested(parse), (origins, earlier) =>
                {
                    lock (gate)
                    {
                        int before = written.Count;
                        written.UnionWith(origins);
                        stage.Advance(written.Count - before);
                        if (earlier) resumed += origins.Count;
                        if (task is null) return;
                        task.Value = written.Count;
                        task.Description = $"featurizing ({(written.Count - resumed) / watch.Elapsed.TotalSeconds:F1} images/s)";
                    }
                }, (all, firstProblem) =>
                {
                    ImageDrops.Report(listed, all, frame, firstProblem); // fails when nothing was produced, before the file is replaced
                    produced = all.Count;
                });
            if (session.RankCount > 1) Featurize(null);
            else
                AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                    .Start(ctx => Featurize(ctx.AddTask("featurizing", maxValue: listed.Count)));
            string earlierRun = resumed > 0 ? $" ({resumed} written by an earlier run)" : "";
            string summary = $"{produced - resumed} images in {watch.Elapsed.TotalSeconds:F1} s ({(produced - resumed) / watch.Elapsed.TotalSeconds:F1} images/s){earlierRun} → {outPath}";
            AnsiConsole.MarkupLine(Markup.Escape(summary));
            RunningJob.Current.Complete(summary);
            return 0;
        });
        UiOption.AddTo(command);
        EngineOption.AddTo(command);
        return command;
    }

    private static IEnumerable<string> Lines(RowBatch batch, bool jsonl)
    {
        var paths = (StringArray)batch.Column(0);
        var vectors = new VectorColumn(batch.Column(1), batch.Schema[1].Name);
        for (int r = 0; r < batch.RowCount; r++) yield return Line(paths.GetString(r), vectors.Get(r), jsonl);
    }

    private static string Line(string origin, Vector features, bool jsonl) => jsonl
        ? JsonSerializer.Serialize(new { origin, features = features.ToArray() })
        : string.Join(",", features.ToArray().Select(v => ((float)v).ToString("R", CultureInfo.InvariantCulture)).Prepend(Frames.IO.CsvText.Quote(origin, ',')));
}
