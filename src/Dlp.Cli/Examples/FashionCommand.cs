using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using DeepLearningPipelines.Cli.Ui;
using DeepLearningPipelines.Vision.Training;
using Spectre.Console;

namespace DeepLearningPipelines.Cli.Examples;

/// <summary><c>dlp examples fashion</c>: a small CNN trained from scratch on Fashion-MNIST.</summary>
internal static class FashionCommand
{
    public static Command Create()
    {
        var defaults = new FashionSettings();
        var epochs = new Option<int>("--epochs") { Description = $"Passes over the training images (default {defaults.Epochs})", DefaultValueFactory = _ => defaults.Epochs }.Positive("epochs");
        var batch = new Option<int>("--batch") { Description = $"Images per step (default {defaults.BatchSize})", DefaultValueFactory = _ => defaults.BatchSize }.Positive("images per batch");
        var layers = new Option<string>("--layers") { Description = $"The network (see docs/training.md; default {FashionSettings.DefaultLayers})", DefaultValueFactory = _ => FashionSettings.DefaultLayers };
        var lr = new Option<float>("--lr") { Description = $"Adam's learning rate (default {defaults.LearningRate})", DefaultValueFactory = _ => defaults.LearningRate };
        var seed = new Option<int>("--seed") { Description = "Seed of the initial weights, shuffling and Dropout", DefaultValueFactory = _ => defaults.Seed };
        var trainLimit = new Option<int?>("--train-images") { Description = "Train on the first N training images only (default: all 60,000)" };
        var testLimit = new Option<int?>("--test-images") { Description = "Test on the first N test images only (default: all 10,000)" };
        var data = new Option<string?>("--data") { Description = "Folder of the Fashion-MNIST IDX files (default: $DLP_FASHION_MNIST or /usr/share/datasets/fashion-mnist from apt-get install dataset-fashion-mnist)" };
        var output = new Option<string>("--out") { Description = "Folder for the training curves (PNG and SVG) and the classification report", DefaultValueFactory = _ => "dlp-output/fashion" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object: accuracy, epochs, per-class precision and recall" };
        var command = new Command("fashion", "Train a small CNN from scratch on Fashion-MNIST (70,000 28×28 images) and report test accuracy, per-class precision/recall and training curves.")
        {
            epochs, batch, layers, lr, seed, trainLimit, testLimit, data, output, json,
        };
        command.SetAction(parse =>
        {
            string outDir = parse.GetValue(output)!;
            OutputPaths.CheckFolder(outDir, "--out");
            bool asJson = parse.GetValue(json);
            var settings = new FashionSettings
            {
                Layers = parse.GetValue(layers)!, Epochs = parse.GetValue(epochs), BatchSize = parse.GetValue(batch), LearningRate = parse.GetValue(lr),
                Seed = parse.GetValue(seed), TrainLimit = parse.GetValue(trainLimit), TestLimit = parse.GetValue(testLimit), Folder = parse.GetValue(data),
            };
            var report = FashionExample.Run(settings, asJson ? null : line => AnsiConsole.MarkupLine($"[grey]{Markup.Escape(line)}[/]"), RunningJob.Current);
            Directory.CreateDirectory(outDir);
            string curves = Path.Combine(outDir, "fashion-training-curves.png"), text = Path.Combine(outDir, "fashion-classification-report.txt");
            TrainingCurves.Save(curves, report.Epochs, $"Fashion-MNIST, {settings.Layers} ({report.TrainImages:N0} training images)", validationName: "test");
            Core.AtomicFile.WriteAllText(text, report.Classes.ToText(4));
            RunningJob.Current.Complete(string.Create(CultureInfo.InvariantCulture, $"test accuracy {report.Accuracy:F4} ({report.TestImages:N0} images)\n{report.Classes.ToText(4)}"));
            if (asJson)
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    accuracy = report.Accuracy, trainImages = report.TrainImages, testImages = report.TestImages, parameters = report.Parameters,
                    trainSeconds = report.TrainSeconds, epochs = report.Epochs.Select(TrainingLines.Json),
                    classes = report.Classes.Classes.Select(c => new { name = c.Name, precision = c.Precision, recall = c.Recall, f1 = c.F1Score, support = c.Support }),
                    curves, report = text,
                }));
                return 0;
            }
            AnsiConsole.WriteLine(report.Classes.ToText(4));
            AnsiConsole.MarkupLine($"test accuracy [bold]{report.Accuracy:F4}[/] ({report.TestImages:N0} images); trained {report.TrainSeconds:F0} s. Curves: [blue]{Markup.Escape(curves)}[/], report: [blue]{Markup.Escape(text)}[/]");
            return 0;
        });
        UiOption.AddTo(command);
        return command;
    }
}
