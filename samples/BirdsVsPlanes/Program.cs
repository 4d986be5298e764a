// Transfer learning as in sparkdl's README: InceptionV3 features of labelled photos + logistic regression.
// Usage: dotnet run --project samples/BirdsVsPlanes -- [photos dir with birds/ and planes/] [feature layer]
// "InceptionV3" is looked up in $DLP_MODELS (InceptionV3/model.json or the official Keras .h5; `dlp models fetch InceptionV3`).
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Ml;
using DeepLearningPipelines.Ml.Classification;
using DeepLearningPipelines.Ml.Evaluation;
using DeepLearningPipelines.Vision.Sources;
using DeepLearningPipelines.Vision.Stages;
using static DeepLearningPipelines.Frames.Functions;

var imgDir = args.Length > 0 ? args[0] : "samples/birds-planes";
var spark = DlpSession.Active;

var birdsDf = spark.ReadImages(Path.Combine(imgDir, "birds")).WithColumn("label", Lit(0.0));
var planesDf = spark.ReadImages(Path.Combine(imgDir, "planes")).WithColumn("label", Lit(1.0));
var birdsSplit = birdsDf.RandomSplit([0.75, 0.25], 12345);
var planesSplit = planesDf.RandomSplit([0.75, 0.25], 12345);
var trainDf = birdsSplit[0].UnionAll(planesSplit[0]).Cache();
var testDf = birdsSplit[1].UnionAll(planesSplit[1]).Cache();

var featurizer = new DeepImageFeaturizer().SetInputCol("image").SetOutputCol("features").SetModelName("InceptionV3");
if (args.Length > 1) featurizer.SetFeatureLayer(args[1]);
var lr = new LogisticRegression().SetMaxIter(20).SetRegParam(0.05).SetElasticNetParam(0.3).SetLabelCol("label");
var pModel = new Pipeline().SetStages(featurizer, lr).Fit(trainDf);

var predictions = pModel.Transform(testDf);
predictions.Select("label", "prediction").Show(20, false);
var evaluator = new MulticlassClassificationEvaluator().SetMetricName("accuracy");
Console.WriteLine($"Test set accuracy = {evaluator.Evaluate(predictions):F4}");
