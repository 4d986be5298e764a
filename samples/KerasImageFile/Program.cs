// A Keras model applied to image files named in a column, as sparkdl's KerasImageFileTransformer.
// Usage: dotnet run --project samples/KerasImageFile -- [images dir] [Keras model: .h5 or TF.js model.json]
// The default model is the MobileNet v1 (alpha 0.25) classifier exported from Keras to TF.js, in ../shared/models.
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Vision.Codecs;
using DeepLearningPipelines.Vision.Imaging;
using DeepLearningPipelines.Vision.Models;
using DeepLearningPipelines.Vision.Stages;

var imgDir = args.Length > 0 ? args[0] : "samples/birds-planes/planes";
var modelFile = args.Length > 1 ? args[1] : "../shared/models/mobilenet_v1_0.25/model.json";
var spark = DlpSession.Active;

// sparkdl's imageLoader reads a URI into pixels; resizing to the model's 224 x 224 and Keras' "tf" scaling
// (x / 127.5 - 1) are params of the stage here.
static ImageData LoadImage(string uri) => ImageDecoder.Decode(File.ReadAllBytes(uri), uri);

var transformer = new ImageFileTransformer().SetInputCol("uri").SetOutputCol("predictions")
    .SetModelFile(modelFile).SetImageLoader(LoadImage).SetInputSize(224).SetPreprocessing("tf");

var files = Directory.GetFiles(imgDir, "*.jpg").Order(StringComparer.Ordinal).Take(5).Select(f => new object?[] { Path.GetFullPath(f) });
var uriDf = spark.CreateDataFrame(files, new StructType(new StructField("uri", DataTypes.String, false)));
var kerasPredDf = transformer.Transform(uriDf);

foreach (var row in kerasPredDf.Collect())
{
    var p = (Vector)row["predictions"]!;
    int best = Enumerable.Range(0, p.Size).MaxBy(i => p[i]);
    Console.WriteLine($"{Path.GetFileName((string)row["uri"]!)}: {p.Size} outputs, top class {ImageNetLabels.All[best].Description} ({p[best]:F3})");
}
