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
                          "features vector struct, snappy). Written under a temporary name " +
                          "beside it and renamed at the end: a failed run leaves an existing file as it was",
            Required = true,
        };
        var cacheFolder = FeatureCacheOption.Create();
        var dropInvalid = ImageDrops.CreateOption();
        var fileOptions = ModelFileOptions.Create();
        var command = new Command("featurize", "Compute CNN features of every image in a folder and write them to a file, with a progress bar.")
        {
            images, model, layer, pooling, output, cacheFolder, dropInvalid, fileOptions.Size, fileOptions.Preprocess, fileOptions.Bgr,
        };
        command.SetAction(parse =>
        {
            var outPath = parse.GetValue(output)!;
            bool jsonl = outPath.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || outPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
            bool parquet = outPath.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase);
            if (!jsonl && !parquet && !outPath.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
                throw new DataFormatException($"--out {outPath}: use a .csv, .jsonl or .parquet file name.");
            var target = OutputPaths.CheckFile(outPath, "--out");
            bool cache = FeatureCacheOption.Apply(parse, cacheFolder, DlpSession.Active);
            var featurizer = new DeepImageFeaturizer().SetModelName(parse.GetValue(model)!).SetPooling(parse.GetValue(pooling)!).SetUseCache(cache);
            fileOptions.Apply(parse, featurizer.Image, featurizer);
            if (parse.GetValue(layer) is { } l) featurizer.SetFeatureLayer(l);
            string[] inputs = [parse.GetValue(images)!];
            var spec = featurizer.LoadModel(DlpSession.Active).Spec; // validates the model and feature layer before any image is read
            var frame = featurizer.TransformFiles(DlpSession.Active, inputs, ImageInputs.Options(inputs, parse.GetValue(dropInvalid), (spec.InputWidth, spec.InputHeight)));
            var listed = ImageDrops.ListedFiles(frame, inputs);
            var written = new HashSet<string>(StringComparer.Ordinal);
            var gate = new object();
            var watch = Stopwatch.StartNew();
            // Runs the featurizer with a progress bar, handing each batch's rows to write (under a lock, so one at a time).
            void Featurize(Action<RowBatch> write) =>
                AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn()).Start(ctx =>
                {
                    var task = ctx.AddTask("featurizing", maxValue: listed.Count);
                    var stage = RunningJob.Current.StartStage("featurizing", listed.Count, "images");
                    frame.ForEachBatch((_, batch) =>
                    {
                        var paths = (StringArray)batch.Column(0);
                        var origins = Enumerable.Range(0, batch.RowCount).Select(r => paths.GetString(r)).ToList();
                        lock (gate)
                        {
                            write(batch);
                            int before = written.Count;
                            written.UnionWith(origins);
                            stage.Advance(written.Count - before);
                            task.Value = stage.Done;
                            task.Description = $"featurizing ({stage.Done / watch.Elapsed.TotalSeconds:F1} images/s)";
                        }
                    });
                });
            if (parquet)
                FeatureParquet.Write(target, frame.Schema, write =>
                {
                    Featurize(write);
                    ImageDrops.Report(listed, written, frame); // fails when nothing was produced, before the file is replaced
                });
            else
                AtomicFile.WriteText(target, outWriter =>
                {
                    Featurize(batch =>
                    {
                        var paths = (StringArray)batch.Column(0);
                        var vectors = new VectorColumn(batch.Column(1), batch.Schema[1].Name);
                        for (int r = 0; r < batch.RowCount; r++) outWriter.WriteLine(Line(paths.GetString(r), vectors.Get(r), jsonl));
                    });
                    ImageDrops.Report(listed, written, frame); // fails when nothing was produced, before the file is replaced
                });
            string summary = $"{written.Count} images in {watch.Elapsed.TotalSeconds:F1} s ({written.Count / watch.Elapsed.TotalSeconds:F1} images/s) → {outPath}";
            AnsiConsole.MarkupLine(Markup.Escape(summary));
            RunningJob.Current.Complete(summary);
            return 0;
        });
        UiOption.AddTo(command);
        EngineOption.AddTo(command);
        return command;
    }

    private static string Line(string origin, Vector features, bool jsonl) => jsonl
        ? JsonSerializer.Serialize(new { origin, features = features.ToArray() })
        : string.Join(",", features.ToArray().Select(v => ((float)v).ToString("R", CultureInfo.InvariantCulture)).Prepend(Frames.IO.CsvText.Quote(origin, ',')));
}
