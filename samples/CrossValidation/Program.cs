// Model selection as in sparkdl: a CrossValidator whose grid runs over the featurizer's modelName (and regParam).
// Usage: dotnet run --project samples/CrossValidation -- [photos dir with birds/ and planes/] [model names...]
// Zoo names are looked up in $DLP_MODELS (NAME/model.json or the official Keras .h5; `dlp models fetch NAME`).
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Ml;
using DeepLearningPipelines.Ml.Classification;
using DeepLearningPipelines.Ml.Evaluation;
using DeepLearningPipelines.Ml.Tuning;
using DeepLearningPipelines.Vision.Sources;
using DeepLearningPipelines.Vision.Stages;
using static DeepLearningPipelines.Frames.Functions;

var imgDir = args.Length > 0 ? args[0] : "samples/birds-planes";
string[] modelNames = args.Length > 1 ? args[1..] : ["InceptionV3", "MobileNet_0.25"];
var spark = DlpSession.Active;

var df = spark.ReadImages(Path.Combine(imgDir, "birds")).WithColumn("label", Lit(0.0))
    .UnionAll(spark.ReadImages(Path.Combine(imgDir, "planes")).WithColumn("label", Lit(1.0)));
var split = df.RandomSplit([0.75, 0.25], 12345);
var (train, test) = (split[0].Cache(), split[1].Cache());

var featurizer = new DeepImageFeaturizer().SetInputCol("image").SetOutputCol("features");
var lr = new LogisticRegression().SetMaxIter(20).SetElasticNetParam(0.3);
var pipeline = new Pipeline().SetStages(featurizer, lr);
var paramGrid = new ParamGridBuilder()
    .AddGrid(featurizer.Image.ModelName, modelNames)
    .AddGrid(lr, x => x.RegParam, 0.01, 0.1)
    .Build();
var evaluator = new MulticlassClassificationEvaluator().SetMetricName("accuracy");
var cv = new CrossValidator().SetEstimator(pipeline).SetEstimatorParamMaps(paramGrid).SetEvaluator(evaluator).SetNumFolds(3).SetSeed(12345);
var cvModel = cv.Fit(train);

for (int i = 0; i < paramGrid.Length; i++)
    Console.WriteLine($"modelName {paramGrid[i].Get(featurizer.Image.ModelName),-16} regParam {paramGrid[i].Get(lr.RegParamParam),-5} mean CV accuracy {cvModel.AvgMetrics[i]:F3}");
var best = paramGrid[cvModel.BestIndex];
Console.WriteLine($"best: modelName {best.Get(featurizer.Image.ModelName)}, regParam {best.Get(lr.RegParamParam)}");
Console.WriteLine($"Test set accuracy = {evaluator.Evaluate(cvModel.Transform(test)):F4}");
