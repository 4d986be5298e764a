using System.CommandLine;
using System.Runtime.InteropServices;
using DeepLearningPipelines.Cli.Images;
using DeepLearningPipelines.Cli.Ui;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Streaming;
using static DeepLearningPipelines.Frames.Functions;

namespace DeepLearningPipelines.Cli.Stream;

/// <summary>
/// <c>dlp stream predict</c>: the predictor of <c>dlp predict</c> over the images that arrive in a folder, one output
/// file per micro-batch, exactly once across kills and restarts (the checkpoint folder holds the progress).
/// SIGINT/SIGTERM stop it after the running micro-batch.
/// </summary>
internal static class StreamPredictCommand
{
    public static Command Create()
    {
        var options = PredictOptions.Create();
        var watch = new Option<string>("--watch") { Description = "Folder to watch for new images (files named .*, _*, *.tmp, *.part are left until renamed)", Required = true };
        var output = new Option<string>("--out") { Description = "Output folder: one file per micro-batch (part-NNNNNN.json or .csv), rows carry the image's origin", Required = true };
        var checkpoint = new Option<string>("--checkpoint") { Description = "Checkpoint folder: offsets and commits logs; restarting with it continues where the last run stopped", Required = true };
        var trigger = new Option<string>("--trigger") { Description = "An interval between micro-batches (500ms, 2s, 1m), once, or available-now (process what is there, then exit)", DefaultValueFactory = _ => "1s" };
        var format = new Option<string>("--format") { Description = "Output format: json (one object per image with its top classes) or csv (one row per image and class)", DefaultValueFactory = _ => "json" }.OneOf("json", "csv");
        var maxFiles = new Option<int?>("--max-files-per-trigger") { Description = "At most this many new images per micro-batch (default: all)" };
        var jsonProgress = new Option<bool>("--json-progress") { Description = "Print each micro-batch's progress as a line of JSON on stdout" };
        var command = new Command("predict", "Classify the images that arrive in a folder with a pretrained ImageNet model, exactly once.")
        {
            watch, output, checkpoint, trigger, format, maxFiles, jsonProgress,
        };
        options.AddTo(command);
        command.SetAction(parse =>
        {
            var session = DlpSession.Active;
            var predictor = options.Predictor(parse, session);
            var spec = predictor.LoadModel(session).Spec;
            var reader = session.ReadStream().Format("image")
                .Option("dropInvalid", parse.GetValue(options.DropInvalid))
                .Option("recursiveFileLookup", true)
                .Option("targetWidth", spec.InputWidth).Option("targetHeight", spec.InputHeight);
            if (parse.GetValue(maxFiles) is { } max)
            {
                if (max < 1) throw new ParamException($"--max-files-per-trigger must be at least 1, got {max}.");
                reader.Option("maxFilesPerTrigger", max);
            }
            var predicted = predictor.Transform(reader.Load(parse.GetValue(watch)!)).Select(Col("image.origin").Alias("origin"), Col("top"));
            bool csv = parse.GetValue(format) == "csv";
            if (csv)
                predicted = predicted.Select(Col("origin"), Explode(Col("top")).Alias("p"))
                    .Select(Col("origin"), Col("p.class").Alias("class"), Col("p.description").Alias("description"), Col("p.probability").Alias("probability"));
            var progress = new StreamProgressLine(parse.GetValue(jsonProgress), live: !Console.IsErrorRedirected);
            var live = new StreamJob(RunningJob.Current, parse.GetValue(output)!, csv ? "csv" : "json");
            var query = predicted.WriteStream().Format(csv ? "csv" : "json").Option("header", csv)
                .Option("checkpointLocation", parse.GetValue(checkpoint)!)
                .Trigger(ParseTrigger(parse.GetValue(trigger)!))
                .OnProgress(p => { progress.Report(p); live.Report(p); })
                .Start(parse.GetValue(output)!);
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, StopGracefully(query));
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, StopGracefully(query));
            try { query.AwaitTermination(); }
            finally { progress.Finish(); }
            live.Complete();
            return 0;
        });
        EngineOption.AddTo(command);
        UiOption.AddTo(command);
        return command;
    }

    private static Action<PosixSignalContext> StopGracefully(StreamingQuery query) => context =>
    {
        context.Cancel = true;
        query.RequestStop();
    };

    private static Trigger ParseTrigger(string text) => text.Trim().ToLowerInvariant() switch
    {
        "once" => Trigger.Once,
        "available-now" or "availablenow" => Trigger.AvailableNow,
        _ => Trigger.ProcessingTime(text),
    };
}
