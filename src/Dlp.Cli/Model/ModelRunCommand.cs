using DeepLearningPipelines.Nn.Zoo;
using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Vision.Codecs;
using DeepLearningPipelines.Vision.Imaging;
using DeepLearningPipelines.Vision.Models;
using Spectre.Console;

namespace DeepLearningPipelines.Cli.Model;

/// <summary><c>dlp model run FILE --input IMAGE</c>: one image through a classifier, with its top classes.</summary>
internal static class ModelRunCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "An .onnx file, a TF.js model.json, a Keras .h5 file, or a zoo model name (needs its weights in DLP_MODELS)" };
        var input = new Option<string>("--input") { Description = "The image file (PNG, JPEG, BMP)", Required = true };
        var top = new Option<int>("--top") { Description = "Classes to show, at least 1", DefaultValueFactory = _ => 5 }.Positive("classes to show");
        var labels = new Option<string>("--labels") { Description = "Class names: JSON like imagenet_class_index.json, or one label per line (default: ImageNet)" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object: top (index, label, probability) and seconds" };
        var fileOptions = ModelFileOptions.Create();
        var command = new Command("run",
            "Run one image through a model: squash-resize (bilinear) to the input size, preprocess, and print the top classes. " +
            "An output that is not a probability vector gets a softmax. seconds: resize and inference, without loading the model.")
        {
            model, input, fileOptions.Preprocess, fileOptions.Size, fileOptions.Bgr, top, labels, json,
        };
        command.SetAction(parse =>
        {
            string name = parse.GetValue(model)!, imagePath = parse.GetValue(input)!;
            if (!File.Exists(imagePath)) throw new DataFormatException($"--input {imagePath}: no such file.");
            var image = ImageDecoder.Decode(File.ReadAllBytes(imagePath), imagePath);
            var loaded = ImageModels.Get(name, withTop: true, fileOptions: ImageModels.IsZooName(name) ? null : new ImageModelFileOptions
            {
                Size = parse.GetValue(fileOptions.Size) is > 0 and var size ? size : null,
                Preprocessing = Enum.Parse<ImagePreprocessing>(parse.GetValue(fileOptions.Preprocess)!, ignoreCase: true),
                Bgr = parse.GetValue(fileOptions.Bgr),
            });
            var resize = new ResizeOptions(loaded.Spec.InputWidth, loaded.Spec.InputHeight, ResizeMode.Squash, Interpolation.Bilinear);

            var clock = Stopwatch.StartNew();
            float[] scores = loaded.Probabilities([image], resize)[0];
            double seconds = clock.Elapsed.TotalSeconds;

            var names = parse.GetValue(labels) is { } labelFile ? ClassLabels.Load(labelFile) : ClassLabels.ImageNet;
            if (parse.GetValue(labels) is not null && names.Count != scores.Length)
                throw new DataFormatException($"--labels {parse.GetValue(labels)}: {names.Count} labels, but the model gives {scores.Length} classes.");
            var ranked = ClassScores.Top(ClassScores.AsProbabilities(scores, out bool softmaxApplied), parse.GetValue(top), names);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    top = ranked.Select(c => new { index = c.Index, label = c.Label, probability = c.Probability }),
                    seconds,
                    softmaxApplied,
                }));
                return 0;
            }
            if (softmaxApplied) Console.WriteLine($"The model's output does not sum to 1 (sum {scores.Sum():G4}); applied softmax.");
            if (ranked.Count > 0 && ranked[0].Label is null) Console.WriteLine($"No labels: the model gives {scores.Length} classes, the label list has {names.Count}.");
            var table = new Table().AddColumns("rank", "index", "label", "probability");
            for (int i = 0; i < ranked.Count; i++)
                table.AddRow((i + 1).ToString(), ranked[i].Index.ToString(), Markup.Escape(ranked[i].Label ?? "-"), ranked[i].Probability.ToString("F4"));
            AnsiConsole.Write(table);
            Console.WriteLine($"{seconds:F3} s");
            return 0;
        });
        EngineOption.AddTo(command);
        return command;
    }
}
