using System.CommandLine;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Ml.Feature;
using DeepLearningPipelines.Vision.Models;
using DeepLearningPipelines.Vision.Stages;
using DeepLearningPipelines.Vision.Training;

namespace DeepLearningPipelines.Cli.Images;

/// <summary>
/// The options <c>dlp predict</c> and <c>dlp stream predict</c> share (<c>--model</c>, <c>--top</c>, <c>--cache</c>,
/// <c>--drop-invalid</c>, <c>--size</c>, <c>--preprocess</c>, <c>--bgr</c>) and the predictor they configure.
/// </summary>
internal sealed record PredictOptions(Option<string> Model, Option<int> Top, Option<string?> CacheFolder, Option<bool> DropInvalid, ModelFileOptions FileOptions)
{
    public static PredictOptions Create() => new(
        new Option<string>("--model") { Description = "A zoo model name or an ONNX / TF.js / .h5 classifier file (a model saved by dlp train shows its own class names)", DefaultValueFactory = _ => "InceptionV3" },
        new Option<int>("--top") { Description = "Classes to show per image, at least 1", DefaultValueFactory = _ => 5 }.Positive("classes per image"),
        FeatureCacheOption.Create(),
        ImageDrops.CreateOption(),
        ModelFileOptions.Create());

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Model, Top, CacheFolder, DropInvalid, FileOptions.Size, FileOptions.Preprocess, FileOptions.Bgr })
            command.Options.Add(option);
    }

    /// <summary>The class names saved beside a model trained by <c>dlp train</c>; null for zoo models and other files (ImageNet classes).</summary>
    public IReadOnlyList<string>? ClassNames(ParseResult parse)
    {
        string model = parse.GetValue(Model)!;
        return ImageModels.IsZooName(model) ? null : TrainedModelFile.ClassNames(model);
    }

    /// <summary>
    /// The predictor the parsed options describe, writing to the <c>top</c> column (the feature cache set up in
    /// <paramref name="session"/>): decoded ImageNet classes, or the probability vector when the model has its own
    /// <paramref name="classNames"/> (read them with <see cref="TopClasses"/>).
    /// </summary>
    public DeepImagePredictor Predictor(ParseResult parse, DlpSession session, IReadOnlyList<string>? classNames = null)
    {
        bool cache = FeatureCacheOption.Apply(parse, CacheFolder, session);
        var predictor = new DeepImagePredictor().SetModelName(parse.GetValue(Model)!).SetDecodePredictions(classNames is null).SetTopK(parse.GetValue(Top)).SetOutputCol("top").SetUseCache(cache);
        FileOptions.Apply(parse, predictor.Image, predictor);
        return predictor;
    }

    /// <summary>
    /// <paramref name="frame"/> (origin, <c>top</c> probability vector) with <c>top</c> replaced by the most probable
    /// classes named by <paramref name="classNames"/>, as the zoo models' decoded predictions (class, description, probability).
    /// </summary>
    public DataFrame NamedTopClasses(ParseResult parse, DataFrame frame, IReadOnlyList<string> classNames)
    {
        int topK = parse.GetValue(Top), column = frame.Schema.FieldIndex("top");
        var named = new StructField("top_classes", DataTypes.ArrayOf(DeepImagePredictor.PredictionType, false), true);
        var appended = ColumnAppender.Append(frame, [named], batch =>
        {
            var classes = new object?[batch.RowCount];
            for (int r = 0; r < batch.RowCount; r++)
                if (batch.GetValue(column, r) is Vector probabilities) classes[r] = TrainedModelFile.TopClasses(probabilities, classNames, topK);
            return ([classes], null);
        }, "namedTopClasses");
        return appended.Select(Functions.Col("origin"), Functions.Col(named.Name).Alias("top"));
    }

    /// <summary>The top classes (class, description, probability) of one row's <c>top</c> value.</summary>
    public Row[] TopClasses(ParseResult parse, object? top, IReadOnlyList<string>? classNames) =>
        classNames is null ? (Row[])top! : TrainedModelFile.TopClasses((Vector)top!, classNames, parse.GetValue(Top));
}
