// The ten-class image program: one labelled folder per class, unioned, repartitioned, split 80/20, CNN features +
// LogisticRegression(maxIter=5, regParam=0.03, elasticNetParam=0.5), then F1, weighted precision and recall,
// accuracy, confusion matrix, classification report, ROC AUC and show().
// Stand-in data: Fashion-MNIST test images (Debian's dataset-fashion-mnist), written as PNGs in folders 0..9.
// Usage: dotnet run --project samples/Digits -- [fashion-mnist dir] [images per class] [model]
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Ml;
using DeepLearningPipelines.Ml.Classification;
using DeepLearningPipelines.Ml.Evaluation;
using DeepLearningPipelines.Ml.Evaluation.Reports;
using DeepLearningPipelines.Vision.Sources;
using DeepLearningPipelines.Vision.Stages;
using static DeepLearningPipelines.Frames.Functions;

var idxDir = args.Length > 0 ? args[0] : "/usr/share/datasets/fashion-mnist";
int perClass = args.Length > 1 ? int.Parse(args[1]) : 20;
var modelName = args.Length > 2 ? args[2] : "InceptionV3";
var imgDir = Path.Combine(Path.GetTempPath(), $"dlp-digits-{Environment.ProcessId}");
FashionMnistFolders.Write(idxDir, imgDir, perClass);
var spark = DlpSession.Active;

try
{
    var dataframes = Enumerable.Range(0, 10).Select(d => spark.ReadImages(Path.Combine(imgDir, d.ToString())).WithColumn("label", Lit((double)d)));
    var df = dataframes.Aggregate((first, second) => first.Union(second)).Repartition(8);
    var split = df.RandomSplit([0.8, 0.2], 42);
    var (train, test) = (split[0].Cache(), split[1].Cache());

    var featurizer = new DeepImageFeaturizer().SetInputCol("image").SetOutputCol("features").SetModelName(modelName);
    if (modelName.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase)) featurizer.SetBgr(true).SetInputSize(224);
    var lr = new LogisticRegression().SetMaxIter(5).SetRegParam(0.03).SetElasticNetParam(0.5).SetLabelCol("label");
    var sparkdn = new Pipeline().SetStages(featurizer, lr);
    var sparkModel = sparkdn.Fit(train);
    var predictions = sparkModel.Transform(test).Cache();

    foreach (var metric in new[] { "f1", "weightedPrecision", "weightedRecall", "accuracy" })
        Console.WriteLine($"{metric,-18} {new MulticlassClassificationEvaluator().SetMetricName(metric).Evaluate(predictions):F4}");

    var evaluator = new MulticlassClassificationEvaluator();
    var metrics = evaluator.Metrics(predictions);
    var matrix = metrics.ConfusionMatrix();
    Console.WriteLine("confusion matrix (rows: actual, columns: predicted)");
    Console.WriteLine("    " + string.Join(" ", matrix.Labels.Select(l => l.ToString().PadLeft(3))));
    for (int a = 0; a < matrix.Size; a++)
        Console.WriteLine(matrix.Labels[a].ToString().PadLeft(3) + " " + string.Join(" ", Enumerable.Range(0, matrix.Size).Select(p => matrix[a, p].ToString().PadLeft(3))));
    Console.WriteLine(ClassificationReport.From(metrics, FashionMnistFolders.ClassNames).ToText());
    Console.WriteLine($"ROC AUC (one-vs-rest, macro) {evaluator.OneVsRestRocAuc(predictions).MacroAverage:F4}");

    predictions.Select("label", "prediction").Show();
}
finally
{
    Directory.Delete(imgDir, recursive: true);
}
