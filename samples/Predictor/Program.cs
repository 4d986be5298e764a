// DeepImagePredictor with decoded ImageNet labels, as in sparkdl's README (topK=10).
// Usage: dotnet run --project samples/Predictor -- [images dir] [model: zoo name or .onnx file]
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Vision.Sources;
using DeepLearningPipelines.Vision.Stages;
using static DeepLearningPipelines.Frames.Functions;

var imgDir = args.Length > 0 ? args[0] : "samples/birds-planes/planes";
var model = args.Length > 1 ? args[1] : "samples/models/squeezenet1.1/model.onnx";
var spark = DlpSession.Active;

var imageDf = spark.ReadImages(imgDir).Limit(5);
var predictor = new DeepImagePredictor().SetInputCol("image").SetOutputCol("predicted_labels")
    .SetModelName(model).SetDecodePredictions(true).SetTopK(10);
// A model file says nothing about its input: SqueezeNet 1.1 takes BGR pixels, 0-255, at 224 x 224.
if (model.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase)) predictor.SetBgr(true).SetInputSize(224);
var predictionsDf = predictor.Transform(imageDf);

predictionsDf.Select(Col("image.origin"), Col("predicted_labels")).Show(5);
foreach (var row in predictionsDf.Collect())
{
    var top = (Row[])row["predicted_labels"]!;
    Console.WriteLine($"{Path.GetFileName(ImageSchema.Origin((Row)row["image"]!))}: " +
        string.Join(", ", top.Take(3).Select(p => $"{p["description"]} {p.Get<float>("probability"):F3}")));
}
