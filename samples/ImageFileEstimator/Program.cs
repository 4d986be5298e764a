// A network trained on image files named in a column, as sparkdl's KerasImageFileEstimator: a pretrained MobileNet
// gets a new softmax head, trained on one-hot labels with Adam and categorical cross-entropy; a CrossValidator picks
// the learning rate, and the best model classifies the test photos.
// Usage: dotnet run --project samples/ImageFileEstimator -- [photos dir with birds/ and planes/] [model] [epochs]
// "MobileNet_0.25" is looked up in $DLP_MODELS (MobileNet_0.25/model.json or the official Keras .h5).
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Ml.Evaluation;
using DeepLearningPipelines.Ml.Feature;
using DeepLearningPipelines.Ml.Tuning;
using DeepLearningPipelines.Vision.Codecs;
using DeepLearningPipelines.Vision.Imaging;
using DeepLearningPipelines.Vision.Training;

var imgDir = args.Length > 0 ? args[0] : "samples/birds-planes";
var modelName = args.Length > 1 ? args[1] : "MobileNet_0.25";
int epochs = args.Length > 2 ? int.Parse(args[2]) : 2;
var spark = DlpSession.Active;

// One row per photo: its path and its class (0: bird, 1: plane), then the class as a one-hot vector.
var photos = new[] { ("birds", 0.0), ("planes", 1.0) }.SelectMany(c =>
    Directory.GetFiles(Path.Combine(imgDir, c.Item1), "*.jpg").Order(StringComparer.Ordinal).Select(f => new object?[] { Path.GetFullPath(f), c.Item2 }));
var df = spark.CreateDataFrame(photos, new StructType(new StructField("uri", DataTypes.String, false), new StructField("label", DataTypes.Double, false)));
var encoder = new OneHotEncoder().SetInputCols("label").SetOutputCols("one_hot_label").SetDropLast(false);
var split = encoder.Fit(df).Transform(df).RandomSplit([0.75, 0.25], 12345);
var (trainDf, testDf) = (split[0].Cache(), split[1].Cache());

// sparkdl's imageLoader returns the preprocessed batch; here it returns pixels and the estimator resizes them.
static ImageData LoadImageFromUri(string uri) => ImageDecoder.Decode(File.ReadAllBytes(uri), uri);

var estimator = new ImageFileEstimator
{
    InputCol = "uri", OutputCol = "prediction", LabelCol = "one_hot_label", ImageLoader = LoadImageFromUri,
    ModelName = modelName, Optimizer = "adam", Loss = "categorical_crossentropy", BatchSize = 16, Epochs = epochs, Seed = 1,
};

var paramGrid = new ParamGridBuilder().AddGrid(estimator, e => e.LearningRate, 0.001, 0.01).Build();
var bc = new BinaryClassificationEvaluator().SetRawPredictionCol("prediction").SetLabelCol("label");
var cv = new CrossValidator().SetEstimator(estimator).SetEstimatorParamMaps(paramGrid).SetEvaluator(bc).SetNumFolds(2).SetSeed(12345);
var cvModel = cv.Fit(trainDf);
for (int i = 0; i < paramGrid.Length; i++)
    Console.WriteLine($"learningRate {paramGrid[i].Get(estimator.Training.LearningRate)}: cross-validated area under ROC {cvModel.AvgMetrics[i]:F4}");

var predictions = cvModel.Transform(testDf);
predictions.Select("uri", "label", "prediction").Show(5);
Console.WriteLine($"Test set area under ROC = {bc.Evaluate(predictions):F4}");
