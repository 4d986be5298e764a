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
        var model = new Option<string>("--model") { Description = "A zoo model name or an ONNX / TF.js / .h5 classifier file (a model saved by dlp train shows its own class names)", DefaultValueFactory = _ => "InceptionV3" };
        var top = new Option<int>("--top") { Description = "Classes to show per image, at least 1", DefaultValueFactory = _ => 5 }.Positive("classes per image");
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var cacheFolder = FeatureCacheOption.Create();
        var dropInvalid = ImageDrops.CreateOption();
        var fileOptions = ModelFileOptions.Create();
        var inputs = new Argument<string[]>("images") { Description = "Image files or folders (searched recursively)", Arity = ArgumentArity.OneOrMore };
        var command = new Command("predict", "Classify images with a pretrained ImageNet model and print the top classes.")
        {
            model, top, json, cacheFolder, dropInvalid, fileOptions.Size, fileOptions.Preprocess, fileOptions.Bgr, inputs,
        };
        command.SetAction(parse =>
        {
            bool cache = FeatureCacheOption.Apply(parse, cacheFolder, DlpSession.Active);
            string modelName = parse.GetValue(model)!;
            var classNames = ImageModels.IsZooName(modelName) ? null : TrainedModelFile.ClassNames(modelName); // a model saved by dlp train
            var predictor = new DeepImagePredictor().SetModelName(modelName).SetDecodePredictions(classNames is null).SetTopK(parse.GetValue(top)).SetOutputCol("top").SetUseCache(cache);
            fileOptions.Apply(parse, predictor.Image, predictor);
            var paths = parse.GetValue(inputs)!;
            var spec = predictor.LoadModel(DlpSession.Active).Spec;
            var frame = predictor.TransformFiles(DlpSession.Active, paths, ImageInputs.Options(paths, parse.GetValue(dropInvalid), (spec.InputWidth, spec.InputHeight)));
            var listed = ImageDrops.ListedFiles(frame, paths);
            var rows = frame.Collect()
                .Select(r => (Origin: (string)r["origin"]!, Top: classNames is null ? (Row[])r["top"]! : TrainedModelFile.TopClasses((Vector)r["top"]!, classNames, parse.GetValue(top)))).OrderBy(r => r.Origin, StringComparer.Ordinal).ToList();
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
