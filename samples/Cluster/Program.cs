// The cluster run: one program that every rank of an MPI job runs (SPMD), as a Spark application runs on a cluster.
// The session's master is "mpi": sources are split over the ranks, each rank featurizes its share of the photos, the
// logistic regression is fitted on the gathered features, and every rank ends with the single-process answer.
// Usage: mpirun -np 2 dotnet samples/Cluster/bin/Release/net10.0/Cluster.dll [photos dir] [model] [master]
//        dotnet run --project samples/Cluster -- [photos dir] [model] [master]
// The master is "mpi" by default (run without mpirun: a job of one rank; Open MPI must be installed); "local[*]" runs
// the same program as an ordinary single process, the answer the ranks must reproduce.
// The default model is the bundled SqueezeNet 1.1 ONNX file; a zoo name such as "InceptionV3" is looked up in $DLP_MODELS.
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Ml;
using DeepLearningPipelines.Ml.Classification;
using DeepLearningPipelines.Ml.Evaluation;
using DeepLearningPipelines.Vision.Sources;
using DeepLearningPipelines.Vision.Stages;
using static DeepLearningPipelines.Frames.Functions;

var imgDir = args.Length > 0 ? args[0] : "samples/birds-planes";
var model = args.Length > 1 ? args[1] : "samples/models/squeezenet1.1/model.onnx";
var master = args.Length > 2 ? args[2] : "mpi";
var spark = DlpSession.Builder().Master(master).AppName("birds-vs-planes").GetOrCreate();

var birdsDf = spark.ReadImages(Path.Combine(imgDir, "birds")).WithColumn("label", Lit(0.0));
var planesDf = spark.ReadImages(Path.Combine(imgDir, "planes")).WithColumn("label", Lit(1.0));
var birdsSplit = birdsDf.RandomSplit([0.75, 0.25], 12345);
var planesSplit = planesDf.RandomSplit([0.75, 0.25], 12345);
var trainDf = birdsSplit[0].UnionAll(planesSplit[0]);
var testDf = birdsSplit[1].UnionAll(planesSplit[1]);

var featurizer = new DeepImageFeaturizer().SetInputCol("image").SetOutputCol("features").SetModelName(model);
if (model.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase)) featurizer.SetBgr(true).SetInputSize(224);
var lr = new LogisticRegression().SetMaxIter(20).SetRegParam(0.05).SetElasticNetParam(0.3).SetLabelCol("label");
var pModel = new Pipeline().SetStages(featurizer, lr).Fit(trainDf);

// Every action is a collective: all ranks call it in the same order and get the same result; Show prints on rank 0.
var predictions = pModel.Transform(testDf);
predictions.Select("image.origin", "label", "prediction").Show(5, false);
double accuracy = new MulticlassClassificationEvaluator().SetMetricName("accuracy").Evaluate(predictions);
var lrModel = (LogisticRegressionModel)pModel.Stages[1];
if (spark.Rank == 0)
{
    Console.WriteLine($"{spark.RankCount} rank(s), {spark.Parallelism} partitions at once");
    Console.WriteLine($"model: intercept {lrModel.Intercept:F6}, {lrModel.Coefficients.NumNonzeros} non-zero coefficients of {lrModel.Coefficients.Size}");
    Console.WriteLine($"Test set accuracy = {accuracy:F4}");
}
