using System.CommandLine;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Vision.Stages;

namespace DeepLearningPipelines.Cli.Images;

/// <summary>
/// The options <c>dlp predict</c> and <c>dlp stream predict</c> share (<c>--model</c>, <c>--top</c>, <c>--cache</c>,
/// <c>--drop-invalid</c>, <c>--size</c>, <c>--preprocess</c>, <c>--bgr</c>) and the predictor they configure.
/// </summary>
internal sealed record PredictOptions(Option<string> Model, Option<int> Top, Option<string?> CacheFolder, Option<bool> DropInvalid, ModelFileOptions FileOptions)
{
    public static PredictOptions Create() => new(
        new Option<string>("--model") { Description = "A zoo model name or an ONNX / TF.js / .h5 classifier file", DefaultValueFactory = _ => "InceptionV3" },
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

    /// <summary>The predictor the parsed options describe, writing the top classes to the <c>top</c> column (the feature cache set up in <paramref name="session"/>).</summary>
    public DeepImagePredictor Predictor(ParseResult parse, DlpSession session)
    {
        bool cache = FeatureCacheOption.Apply(parse, CacheFolder, session);
        var predictor = new DeepImagePredictor().SetModelName(parse.GetValue(Model)!).SetDecodePredictions(true).SetTopK(parse.GetValue(Top)).SetOutputCol("top").SetUseCache(cache);
        FileOptions.Apply(parse, predictor.Image, predictor);
        return predictor;
    }
}
