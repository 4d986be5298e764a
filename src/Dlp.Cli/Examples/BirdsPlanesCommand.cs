using System.CommandLine;
using System.Text.Json;
using DeepLearningPipelines.Vision.Stages;
using DeepLearningPipelines.Cli.Ui;
using Spectre.Console;

namespace DeepLearningPipelines.Cli.Examples;

/// <summary><c>dlp examples birds-planes</c>: the transfer-learning case study.</summary>
internal static class BirdsPlanesCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "Folder with birds/ and planes/ (default: $DLP_DATA/birds-planes or the repository's samples/)" };
        var model = new Option<string>("--model") { Description = "A zoo model name (resolved through DLP_MODELS) or an ONNX / TF.js / .h5 file", DefaultValueFactory = _ => "InceptionV3" };
        var layer = new Option<string?>("--feature-layer") { Description = "Layer (Keras) or value (ONNX) to pool features from (default: the model's feature layer)" };
        var fileOptions = ModelFileOptions.Create();
        var cv = new Option<string[]>("--cross-validate") { Description = "Also cross-validate over these zoo models (e.g. InceptionV3 MobileNet_0.25) or feature layers (e.g. mixed8 mixed10) and regParam 0.01/0.05/0.3", AllowMultipleArgumentsPerToken = true };
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var output = new Option<string?>("--out") { Description = "Folder for the ROC and precision-recall curves of the test set (PNG and SVG); none without it" };
        var tuning = new FineTuneSettings();
        var fineTune = new Option<bool>("--fine-tune") { Description = "Also fine-tune the model's top layers with a new softmax head on the training photos and compare its test accuracy with the frozen features'" };
        var topLayers = new Option<int>("--fine-tune-layers") { Description = $"With --fine-tune: convolutions from the top that train (default {tuning.TopConvolutions})", DefaultValueFactory = _ => tuning.TopConvolutions }.Positive("convolutions");
        var from = new Option<string?>("--fine-tune-from") { Description = "With --fine-tune: the layer (node) training starts from, instead of --fine-tune-layers" };
        var epochs = new Option<int>("--epochs") { Description = $"With --fine-tune: passes over the training photos (default {tuning.Epochs})", DefaultValueFactory = _ => tuning.Epochs }.Positive("epochs");
        var batch = new Option<int>("--batch") { Description = $"With --fine-tune: photos per step (default {tuning.BatchSize})", DefaultValueFactory = _ => tuning.BatchSize }.Positive("photos per batch");
        var lr = new Option<double>("--lr") { Description = $"With --fine-tune: Adam's learning rate (default {tuning.LearningRate})", DefaultValueFactory = _ => tuning.LearningRate };
        var command = new Command("birds-planes", "Transfer learning: CNN features of 60 photos + LogisticRegression(maxIter 20, regParam 0.05, elasticNetParam 0.3) on a 75/25 split per class; " +
            "with --fine-tune, also the network's top layers fine-tuned on the same split.")
        {
            data, model, layer, fileOptions.Size, fileOptions.Preprocess, fileOptions.Bgr, cv, fineTune, topLayers, from, epochs, batch, lr, json, output,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(output) is { } folder) OutputPaths.CheckFolder(folder, "--out");
            var path = DataLocator.Find(parse.GetValue(data), BirdsPlanesExample.DataRelativePath, "--data");
            var featurizer = new DeepImageFeaturizer().SetModelName(parse.GetValue(model)!);
            fileOptions.Apply(parse, featurizer.Image, featurizer);
            if (parse.GetValue(layer) is { } l) featurizer.SetFeatureLayer(l);
            bool asJson = parse.GetValue(json);
            var job = RunningJob.Current;
            var tune = parse.GetValue(fineTune)
                ? new FineTuneSettings { TopConvolutions = parse.GetValue(topLayers), From = parse.GetValue(from), Epochs = parse.GetValue(epochs), BatchSize = parse.GetValue(batch), LearningRate = parse.GetValue(lr) }
                : null;
            var report = BirdsPlanesExample.Run(path, featurizer, parse.GetValue(cv), m =>
            {
                job.StartStage(m);
                if (!asJson) AnsiConsole.MarkupLine($"[grey]{Markup.Escape(m)}[/]");
            }, tune);
            var curves = parse.GetValue(output) is { } outDir ? BirdsPlanesExample.WriteCurves(report, outDir) : ((string Roc, string PrecisionRecall)?)null;
            job.Complete($"accuracy {report.Accuracy:F3} ({report.Predictions.Count(p => p.Label == p.Predicted)}/{report.Predictions.Count}) with {report.Model}, " +
                         $"feature layer {report.FeatureLayer}; featurize {report.FeaturizeSeconds:F1} s, train {report.TrainSeconds:F2} s" +
                         (report.CrossValidation is { } summary ? $"\ncross-validation: {summary}" : "") +
                         (report.FineTune is { } f ? $"\nfine-tuned from {f.TrainFrom}: accuracy {f.Accuracy:F3}, train {f.TrainSeconds:F1} s" : ""));
            if (asJson)
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    model = report.Model, featureLayer = report.FeatureLayer, accuracy = report.Accuracy,
                    misclassified = report.Predictions.Where(p => p.Label != p.Predicted).Select(p => p.Image),
                    featurizeSeconds = report.FeaturizeSeconds, trainSeconds = report.TrainSeconds,
                    predictions = report.Predictions.Select(p => new { image = p.Image, label = p.Label, prediction = p.Predicted, probability = p.Probability }),
                    crossValidation = report.CrossValidation,
                    rocCurve = curves?.Roc, precisionRecallCurve = curves?.PrecisionRecall,
                    fineTune = report.FineTune is { } ft ? new { trainFrom = ft.TrainFrom, accuracy = ft.Accuracy, frozenFeaturesAccuracy = report.Accuracy, trainSeconds = ft.TrainSeconds } : null,
                }));
                return 0;
            }
            var table = new Table().Title($"Test images ({Markup.Escape(report.Model)}, feature layer {Markup.Escape(report.FeatureLayer)})").AddColumns("image", "label", "prediction", "probability");
            foreach (var p in report.Predictions)
                table.AddRow(p.Image, p.Label, p.Label == p.Predicted ? p.Predicted : $"[red]{p.Predicted}[/]", p.Probability.ToString("F3"));
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine($"accuracy [bold]{report.Accuracy:F3}[/] ({report.Predictions.Count(p => p.Label == p.Predicted)}/{report.Predictions.Count}); featurize {report.FeaturizeSeconds:F1} s, train {report.TrainSeconds:F2} s");
            if (report.CrossValidation is { } text) AnsiConsole.MarkupLine($"cross-validation: {Markup.Escape(text)}");
            if (report.FineTune is { } tuned)
                AnsiConsole.MarkupLine($"fine-tuned from {Markup.Escape(tuned.TrainFrom)}: accuracy [bold]{tuned.Accuracy:F3}[/] against [bold]{report.Accuracy:F3}[/] with frozen features " +
                                       $"and logistic regression, on the same {report.Predictions.Count} test photos; train {tuned.TrainSeconds:F1} s");
            if (curves is var (roc, pr)) AnsiConsole.MarkupLine($"ROC curve: [blue]{Markup.Escape(roc)}[/], precision-recall curve: [blue]{Markup.Escape(pr)}[/] (and .svg)");
            return 0;
        });
        UiOption.AddTo(command);
        EngineOption.AddTo(command);
        return command;
    }
}
