using System.CommandLine;
using System.Text.Json;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Vision.Models;
using DeepLearningPipelines.Vision.Stages;
using DeepLearningPipelines.Vision.Training;
using Spectre.Console;

namespace DeepLearningPipelines.Cli.Images;

/// <summary><c>dlp predict</c>: the DeepImagePredictor over image files and folders.</summary>
internal static class PredictCommand
{
    public static Command Create()
    {
        var options = PredictOptions.Create();
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var inputs = new Argument<string[]>("images") { Description = "Image files or folders (searched recursively)", Arity = ArgumentArity.OneOrMore };
        var command = new Command("predict", "Classify images with a pretrained ImageNet model and print the top classes.") { json, inputs };
        options.AddTo(command);
        command.SetAction(parse =>
        {
            var classNames = options.ClassNames(parse); // a model saved by dlp train
            var predictor = options.Predictor(parse, DlpSession.Active, classNames);
            var paths = parse.GetValue(inputs)!;
            var spec = predictor.LoadModel(DlpSession.Active).Spec;
            var frame = predictor.TransformFiles(DlpSession.Active, paths, ImageInputs.Options(paths, parse.GetValue(options.DropInvalid), (spec.InputWidth, spec.InputHeight)));
            var listed = ImageDrops.ListedFiles(frame, paths);
            var rows = frame.Collect()
                .Select(r => (Origin: (string)r["origin"]!, Top: options.TopClasses(parse, r["top"], classNames))).OrderBy(r => r.Origin, StringComparer.Ordinal).ToList();
            ImageDrops.Report(listed, rows.Select(r => r.Origin).ToHashSet(StringComparer.Ordinal), frame);
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
}
