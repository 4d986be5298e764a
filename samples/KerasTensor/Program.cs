// A Keras-style model applied to a column of numbers, as sparkdl's KerasTransformer / TFTransformer: the letters CSV
// becomes 16-value feature vectors, a small Dense network defined in C# is trained briefly and saved as an ONNX file
// (Keras' model.fit and model.save), and TensorTransformer applies that file to the test rows.
// Usage: dotnet run --project samples/KerasTensor -- [letters.csv] [epochs]
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Ml;
using DeepLearningPipelines.Ml.Evaluation;
using DeepLearningPipelines.Ml.Feature;
using DeepLearningPipelines.Nn.Networks;
using DeepLearningPipelines.Nn.Onnx;
using DeepLearningPipelines.Vision.Tensors;
using DeepLearningPipelines.Vision.Training;

var path = args.Length > 0 ? args[0] : "samples/letter-recognition/letter-recognition.csv";
int epochs = args.Length > 1 ? int.Parse(args[1]) : 5;
var spark = DlpSession.Active;

var df = spark.Read().Option("header", true).Option("inferSchema", true).Csv(path);
var assembler = new VectorAssembler().SetInputCols(df.Columns.Where(c => c != "lettr").ToArray()).SetOutputCol("features");
var indexer = new StringIndexer().SetInputCol("lettr").SetOutputCol("label");
var data = new Pipeline().SetStages(assembler, indexer).Fit(df).Transform(df).Select("features", "label");
var split = data.RandomSplit([0.75, 0.25], 12345);
var (train, test) = (split[0].Cache(), split[1].Cache());

// The model: 16 inputs, one hidden ReLU layer, a softmax over the 26 letters.
var model = new Sequential([16], new Dense(64, "relu"), new Dense(26, "softmax"));
var fitted = new TensorEstimator().SetInputCol("features").SetLabelCol("label").SetNetwork(model.ToNetwork())
    .SetOptimizer("adam").SetLearningRate(0.01).SetBatchSize(64).SetEpochs(epochs).SetSeed(1).Fit(train);
var modelFile = Path.Combine(Path.GetTempPath(), $"dlp-letters-{Environment.ProcessId}.onnx");
OnnxExporter.Save(fitted.Graph, modelFile);

try
{
    // The file's input and output keep Keras' automatic names: input_1 (the features) and dense_2 (the softmax).
    var transformer = new TensorTransformer().SetModelName(modelFile)
        .SetFeedDict(new Dictionary<string, string> { ["input_1"] = "features" })
        .SetFetchDict(new Dictionary<string, string> { ["dense_2"] = "predictions" })
        .SetScoresOutput("dense_2").SetSoftmax(false);   // adds "prediction", the arg-max; dense_2 already is a softmax
    var finalDf = transformer.Transform(test);
    finalDf.Select("label", "prediction", "predictions").Show(5);
    var accuracy = new MulticlassClassificationEvaluator().SetMetricName("accuracy").Evaluate(finalDf);
    Console.WriteLine($"Test set accuracy = {accuracy:F4}");
}
finally
{
    File.Delete(modelFile);
}
