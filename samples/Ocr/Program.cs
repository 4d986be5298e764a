// The letters case study: CSV -> VectorAssembler -> StringIndexer -> logistic regression and a multilayer perceptron,
// scored by MulticlassClassificationEvaluator. Usage: dotnet run --project samples/Ocr -- [letters.csv] [MLP maxIter]
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Ml;
using DeepLearningPipelines.Ml.Classification;
using DeepLearningPipelines.Ml.Evaluation;
using DeepLearningPipelines.Ml.Feature;

var path = args.Length > 0 ? args[0] : "samples/letter-recognition/letter-recognition.csv";
int mlpMaxIter = args.Length > 1 ? int.Parse(args[1]) : 400;
var spark = DlpSession.Active;

var df = spark.Read().Option("header", true).Option("inferSchema", true).Csv(path);
df.PrintSchema();

var featureCols = df.Columns.Where(c => c != "lettr").ToArray();
var assembler = new VectorAssembler().SetInputCols(featureCols).SetOutputCol("features");
var indexer = new StringIndexer().SetInputCol("lettr").SetOutputCol("label");

var split = df.RandomSplit([0.75, 0.25], 12345);
var (train, test) = (split[0].Cache(), split[1].Cache());
Console.WriteLine($"train {train.Count()} rows, test {test.Count()} rows");

var evaluator = new MulticlassClassificationEvaluator().SetMetricName("accuracy");
var classifiers = new (string Name, PipelineStage Stage)[]
{
    ("LogisticRegression", new LogisticRegression().SetMaxIter(100).SetRegParam(0.0)),
    ("MultilayerPerceptronClassifier", new MultilayerPerceptronClassifier().SetLayers([16, 16, 12, 26]).SetMaxIter(mlpMaxIter).SetBlockSize(128).SetSeed(1234)),
};
foreach (var (name, classifier) in classifiers)
{
    var model = new Pipeline().SetStages(assembler, indexer, classifier).Fit(train);
    var predictions = model.Transform(test);
    predictions.Select("lettr", "label", "prediction").Show(5);
    Console.WriteLine($"{name}: test accuracy = {evaluator.Evaluate(predictions):F4}");
}
