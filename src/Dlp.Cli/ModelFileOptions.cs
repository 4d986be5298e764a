using System.CommandLine;
using DeepLearningPipelines.Ml.Parameters;
using DeepLearningPipelines.Vision.Stages;

namespace DeepLearningPipelines.Cli;

/// <summary>The options that say how to feed a model file: <c>--size</c>, <c>--preprocess</c>, <c>--bgr</c>.</summary>
internal sealed record ModelFileOptions(Option<int> Size, Option<string> Preprocess, Option<bool> Bgr)
{
    public static ModelFileOptions Create() => new(
        new Option<int>("--size") { Description = "Model files: square input size in pixels, at least 1 (default: from the model's input shape)" }.Positive("pixels per side"),
        new Option<string>("--preprocess") { Description = "Model files: caffe, tf, torch or none", DefaultValueFactory = _ => "none" }.OneOf("caffe", "tf", "torch", "none"),
        new Option<bool>("--bgr") { Description = "Model files: feed BGR instead of RGB" });

    /// <summary>Copies the parsed values into a CNN stage's params.</summary>
    public void Apply(ParseResult parse, ImageStageParams image, Params stage)
    {
        if (parse.GetValue(Size) is > 0 and var size) stage.Set(image.InputSize, size);
        stage.Set(image.Preprocessing, parse.GetValue(Preprocess)!.ToLowerInvariant());
        stage.Set(image.Bgr, parse.GetValue(Bgr));
    }
}
