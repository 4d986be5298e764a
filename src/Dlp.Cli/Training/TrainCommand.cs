using System.CommandLine;
using System.Text.Json;
using DeepLearningPipelines.Cli.Examples;
using DeepLearningPipelines.Cli.Ui;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Nn.Training;
using DeepLearningPipelines.Vision.Imaging;
using DeepLearningPipelines.Vision.Models;
using DeepLearningPipelines.Vision.Training;
using Spectre.Console;

namespace DeepLearningPipelines.Cli.Training;

/// <summary>
/// <c>dlp train</c>: trains an image classifier on a folder with one sub-folder per class and saves it as ONNX with its
/// class names. Under <c>mpirun</c> it trains data-parallel (each rank decodes its share of every batch; rank 0 prints
/// and saves); with <c>--checkpoint-dir</c> and <c>--resume</c> an interrupted run continues where it stopped.
/// </summary>
internal static class TrainCommand
{
    public const string DefaultLayers = "conv32-pool-conv64-pool-dense128";
    public const int DefaultCheckpointSteps = 100;

    public static Command Create()
    {
        var images = new Option<string>("--images") { Description = "Folder with one sub-folder of images per class (the sub-folder names are the class names)", Required = true };
        var model = new Option<string?>("--model") { Description = "Fine-tune a zoo model scaled to [-1, 1] (MobileNet, MobileNetV2, InceptionV3, Xception) or a channels-last model file, with a new softmax head" };
        var layers = new Option<string?>("--layers") { Description = $"Train a network from scratch, e.g. conv32-pool-conv64-pool-dense128 (see docs/training.md; default {DefaultLayers})" };
        var size = new Option<int?>("--size") { Description = $"--layers: square image size in pixels (default {ClassifierNetwork.DefaultLayersSize}); a --model sets its own" };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training images", DefaultValueFactory = _ => 5 }.Positive("epochs");
        var batch = new Option<int>("--batch") { Description = "Images per step, over all ranks (under mpirun each rank takes batch / ranks)", DefaultValueFactory = _ => 32 }.Positive("images per batch");
        var optimizer = new Option<string>("--optimizer") { Description = "adam, sgd (momentum 0.9), rmsprop or adamw", DefaultValueFactory = _ => "adam" }.OneOf(OptimizerNames.Names);
        var lr = new Option<float?>("--lr") { Description = "Learning rate (default 0.001; sgd 0.01)" };
        var split = new Option<double>("--validation-split") { Description = "Fraction of each class held out for validation, in [0, 1)", DefaultValueFactory = _ => 0.2 };
        var seed = new Option<int>("--seed") { Description = "Seed of the initial weights, the split, shuffling and Dropout", DefaultValueFactory = _ => 42 };
        var fineTuneFrom = new Option<string?>("--fine-tune-from") { Description = "With --model: train from this layer (node) on and freeze the layers before it (default: only the new head trains)" };
        var output = new Option<string>("--out") { Description = "The trained model, MODEL.onnx; the class names go to MODEL.classes.txt and the training curves to MODEL.curves.png/.svg beside it", Required = true };
        var checkpointDir = new Option<string?>("--checkpoint-dir") { Description = "Write checkpoints here (weights checkpoint-STEP.onnx and the state to resume from, checkpoint-STEP.state)" };
        var checkpointEvery = new Option<int?>("--checkpoint-every") { Description = $"With --checkpoint-dir: steps between checkpoints (default {DefaultCheckpointSteps})" };
        var resume = new Option<bool>("--resume") { Description = "Continue from the latest checkpoint in --checkpoint-dir (weights, optimizer state, position in the data); start afresh when there is none, so the same command line restarts an interrupted run" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object: {\"validationAccuracy\":…,\"epochs\":[…]}" };
        var keras = new Option<string?>("--keras") { Description = "Also save the trained network as a Keras 2 model, MODEL.h5 (class names beside it); refused before training when a layer has no Keras form" };
        var command = new Command("train", "Train an image classifier on a folder of images (one sub-folder per class) and save it for dlp predict / featurize; under mpirun, data-parallel over the ranks.")
        {
            images, model, layers, size, epochs, batch, optimizer, lr, split, seed, fineTuneFrom, checkpointDir, checkpointEvery, resume, output, json, keras,
        };
        command.SetAction(parse =>
        {
            string outPath = parse.GetValue(output)!;
            OutputPaths.CheckFile(outPath, "--out");
            if (parse.GetValue(model) is not null && parse.GetValue(layers) is not null) throw new ParamException("Give --model or --layers, not both.");
            if (parse.GetValue(model) is not null && parse.GetValue(size) is not null) throw new ParamException("--size applies to --layers; a --model has its own input size.");
            if (parse.GetValue(model) is null && parse.GetValue(fineTuneFrom) is not null) throw new ParamException("--fine-tune-from needs --model (a pretrained network).");
            if (parse.GetValue(size) is < 8 and var tiny) throw new ParamException($"--size must be at least 8 pixels, got {tiny}.");
            string? checkpoints = parse.GetValue(checkpointDir);
            if (checkpoints is null && (parse.GetValue(resume) || parse.GetValue(checkpointEvery) is not null))
                throw new ParamException("--resume and --checkpoint-every need --checkpoint-dir.");
            if (parse.GetValue(checkpointEvery) is < 1 and var every) throw new ParamException($"--checkpoint-every must be at least 1 step, got {every}.");
            var session = DlpSession.Active;
            bool asJson = parse.GetValue(json);
            int seedValue = parse.GetValue(seed);
            var folder = ImageFolder.Read(parse.GetValue(images)!);
            var (train, validation) = folder.Split(parse.GetValue(split), seedValue);
            var network = parse.GetValue(model) is { } m
                ? ClassifierNetwork.FromModel(m, folder.ClassNames.Count, seedValue, ImageModels.Registry)
                : ClassifierNetwork.FromLayers(parse.GetValue(layers) ?? DefaultLayers, parse.GetValue(size) ?? ClassifierNetwork.DefaultLayersSize, folder.ClassNames.Count, seedValue);
            string? kerasPath = parse.GetValue(keras);
            if (kerasPath is not null) TrainedModelFile.CheckKeras(network.Graph, OutputPaths.CheckFile(kerasPath, "--keras"));
            var resize = new ResizeOptions(network.InputSize, network.InputSize, ResizeMode.Squash, Interpolation.Bilinear);
            IBatchSource Source(int[] subset, bool shuffle) =>
                new ImageFileBatches(subset.Select(i => folder.Paths[i]).ToArray(), subset.Select(i => folder.Labels[i]).ToArray(), resize, shuffle, seedValue);
            var options = new TrainerOptions
            {
                Loss = LossKind.SparseCategoricalCrossEntropy, Optimizer = OptimizerNames.Create(parse.GetValue(optimizer)!, parse.GetValue(lr)),
                Seed = seedValue, FineTuneFrom = parse.GetValue(fineTuneFrom) ?? network.TrainFrom,
            };
            var settings = new FitSettings
            {
                BatchSize = parse.GetValue(batch), Epochs = parse.GetValue(epochs), Session = session, CheckpointFolder = checkpoints,
                CheckpointEverySteps = checkpoints is null ? 0 : parse.GetValue(checkpointEvery) ?? DefaultCheckpointSteps, Resume = parse.GetValue(resume),
            };
            if (!asJson)
                AnsiConsole.MarkupLine($"[grey]{folder.Paths.Length} images of {folder.ClassNames.Count} classes ({Markup.Escape(string.Join(", ", folder.ClassNames))}): {train.Length} to train, {validation.Length} to validate; {network.InputSize}×{network.InputSize} pixels{(session.RankCount > 1 ? $"; {session.RankCount} ranks, {settings.BatchSize / session.RankCount} images each per step" : "")}[/]");
            var live = new TrainingJob(RunningJob.Current, train.Length, validation.Length, settings.BatchSize);
            var result = NetworkFitter.Fit(network.Graph, Source(train, shuffle: true), validation.Length == 0 ? null : Source(validation, shuffle: false), options, settings,
                onStep: live.Step, onEpoch: e =>
                {
                    live.Epoch(e);
                    if (!asJson) AnsiConsole.MarkupLine(Markup.Escape(TrainingLines.Epoch(e)));
                });
            string curves = Path.ChangeExtension(outPath, ".curves.png");
            if (session.Rank == 0)
            {
                TrainedModelFile.Save(result.Graph, outPath, folder.ClassNames);
                if (kerasPath is not null) TrainedModelFile.SaveKeras(result.Graph, kerasPath, folder.ClassNames);
                TrainingCurves.Save(curves, result.Epochs, $"dlp train: {Path.GetFileName(outPath)} ({train.Length} training images)");
            }
            live.Complete(result);
            if (asJson)
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    validationAccuracy = result.ValidationAccuracy, epochs = result.Epochs.Select(TrainingLines.Json), classes = folder.ClassNames,
                    model = Path.GetFullPath(outPath), classNames = TrainedModelFile.ClassNamesPath(outPath), curves = Path.GetFullPath(curves),
                }));
                return 0;
            }
            AnsiConsole.MarkupLine(result.ValidationAccuracy is { } a ? $"validation accuracy [bold]{a:F4}[/]" : "no validation images (--validation-split 0)");
            AnsiConsole.MarkupLine($"saved [blue]{Markup.Escape(outPath)}[/] and its class names [blue]{Markup.Escape(TrainedModelFile.ClassNamesPath(outPath))}[/]; training curves [blue]{Markup.Escape(curves)}[/] (.svg beside)");
            return 0;
        });
        UiOption.AddTo(command);
        return command;
    }
}
