using System.Diagnostics;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Ml;
using DeepLearningPipelines.Ml.Classification;
using DeepLearningPipelines.Ml.Evaluation;
using DeepLearningPipelines.Core.Progress;
using DeepLearningPipelines.Ml.Evaluation.Metrics;
using DeepLearningPipelines.Ml.Evaluation.Plots;
using DeepLearningPipelines.Ml.Evaluation.Reports;
using DeepLearningPipelines.Ml.Feature;
using DeepLearningPipelines.Ml.Tuning;

namespace DeepLearningPipelines.Cli.Examples;

/// <summary>The result of one configuration of the OCR case study.</summary>
internal sealed record OcrConfigResult(string Name, string Description, double Accuracy, double WeightedPrecision, double WeightedRecall, double OneVsRestRocAuc, double TrainSeconds);

/// <summary>
/// How <c>best</c> is searched (the hidden-layer candidates for the cross-validator and the iteration cap) and the
/// fraction of the rows the study runs on.
/// </summary>
internal sealed record OcrSettings(int[][] BestHidden, int BestMaxIter, double Sample = 1.0)
{
    /// <summary>One hidden layer of 128 or 256 sigmoid units, up to 400 L-BFGS iterations, every row.</summary>
    public static OcrSettings Default { get; } = new([[128], [256]], 400);
}

/// <summary>Everything the OCR case study produced, with the sizes of its training and test sets.</summary>
internal sealed record OcrReport(IReadOnlyList<OcrConfigResult> Configs, MulticlassMetrics BestMetrics, string BestDescription, long TrainRows, long TestRows,
    IReadOnlyList<(string Name, IReadOnlyList<double> Loss)> TrainingLoss);

/// <summary>
/// The letter-recognition case study: 16 glyph features, a 75/25 split with seed 12345, Spark's two MLP settings and
/// the best pipeline this library offers (standardised features, a wider network, layer sizes chosen by
/// cross-validation). The split depends only on the seed and the rows (file and line), not on the number of cores.
/// </summary>
public static class OcrExample
{
    public const string DataRelativePath = "letter-recognition/letter-recognition.csv";
    internal static readonly string[] Letters = Enumerable.Range(0, 26).Select(i => ((char)('A' + i)).ToString()).ToArray();

    /// <summary>The letters CSV as a cached <c>features</c> vector (the 16 glyph measures) and a double <c>label</c> (0 for A … 25 for Z).</summary>
    public static DataFrame Data(DlpSession session, string dataPath)
    {
        var raw = session.Read().Option("header", true).Option("inferSchema", true).Csv(dataPath);
        var featureCols = raw.Columns.Where(c => c != "lettr").ToArray();
        return new VectorAssembler().SetInputCols(featureCols).SetOutputCol("features")
            .Transform(raw.WithColumn("label", Functions.Col("lettr").Cast("double"))).Select("features", "label").Cache();
    }

    /// <summary>The case study's 75/25 split (seed 12345), both sides cached.</summary>
    public static (DataFrame Train, DataFrame Test) Split(DataFrame data)
    {
        var split = data.RandomSplit([0.75, 0.25], 12345);
        return (split[0].Cache(), split[1].Cache());
    }

    /// <summary>Runs the study, announcing each step through <paramref name="progress"/> and each fit's loss curve to <paramref name="job"/>.</summary>
    internal static OcrReport Run(string dataPath, OcrSettings settings, Action<string>? progress = null, JobProgress? job = null)
    {
        var losses = new List<(string Name, IReadOnlyList<double> Loss)>();
        void RecordLoss(string name, double[] history)
        {
            losses.Add((name, history));
            var curve = job?.Chart("loss", "iteration").Series(name);
            for (int i = 0; i < history.Length; i++) curve?.Add(i, history[i]);
        }
        var data = Data(DlpSession.Active, dataPath);
        var (train, test) = Split(settings.Sample < 1 ? data.Sample(settings.Sample, 12345) : data);
        long trainRows = train.Count(), testRows = test.Count();
        progress?.Invoke($"split: {trainRows} training rows, {testRows} test rows (seed 12345)");
        var evaluator = new MulticlassClassificationEvaluator();
        var results = new List<OcrConfigResult>();
        MulticlassMetrics? bestMetrics = null;
        string bestDescription = "";

        OcrConfigResult Evaluate(string name, string description, Transformer model, double seconds)
        {
            var predictions = model.Transform(test).Cache();
            var metrics = evaluator.Metrics(predictions);
            double auc = evaluator.OneVsRestRocAuc(predictions).MacroAverage;
            progress?.Invoke($"{name}: accuracy {metrics.Accuracy:F4} in {seconds:F1} s");
            bestMetrics = metrics;
            return new OcrConfigResult(name, description, metrics.Accuracy, metrics.WeightedPrecision, metrics.WeightedRecall, auc, seconds);
        }

        foreach (var (name, layers, maxIter) in new[] { ("spark-small", new[] { 16, 8, 4, 26 }, 100), ("spark-large", new[] { 16, 16, 12, 26 }, 400) })
        {
            progress?.Invoke($"{name}: training MLP layers [{string.Join(",", layers)}], maxIter {maxIter}");
            var mlp = new MultilayerPerceptronClassifier().SetLayers(layers).SetMaxIter(maxIter).SetBlockSize(128).SetSeed(1234);
            var sw = Stopwatch.StartNew();
            var model = mlp.Fit(train);
            RecordLoss(name, model.ObjectiveHistory);
            results.Add(Evaluate(name, $"MLP layers [{string.Join(",", layers)}], maxIter {maxIter}, blockSize 128, seed 1234", model, sw.Elapsed.TotalSeconds));
        }

        progress?.Invoke($"best: 3-fold cross-validation over hidden layers {string.Join(" / ", settings.BestHidden.Select(h => $"[{string.Join(",", h)}]"))}");
        var scaler = new StandardScaler().SetInputCol("features").SetOutputCol("scaled").SetWithMean(true);
        var net = new MultilayerPerceptronClassifier().SetFeaturesCol("scaled").SetMaxIter(settings.BestMaxIter).SetBlockSize(128).SetSeed(1234);
        var pipeline = new Pipeline().SetStages(scaler, net);
        var grid = new ParamGridBuilder().AddGrid(net, x => x.Layers, settings.BestHidden.Select(h => new[] { 16 }.Concat(h).Append(26).ToArray()).ToArray()).Build();
        var cv = new CrossValidator().SetEstimator(pipeline).SetEstimatorParamMaps(grid).SetEvaluator(new MulticlassClassificationEvaluator().SetMetricName("accuracy"))
            .SetNumFolds(3).SetParallelism(1).SetSeed(12345);
        var watch = Stopwatch.StartNew();
        var cvModel = cv.Fit(train);
        var bestNet = (MultilayerPerceptronClassificationModel)((PipelineModel)cvModel.BestModel).Stages[^1];
        var bestLayers = bestNet.GetLayers();
        RecordLoss("best", bestNet.ObjectiveHistory);
        bestDescription = $"StandardScaler(withMean) + MLP layers [{string.Join(",", bestLayers)}], maxIter {settings.BestMaxIter}, chosen by 3-fold CrossValidator (mean validation accuracy per candidate: {string.Join(", ", cvModel.AvgMetrics.Select(m => m.ToString("F4")))})";
        results.Add(Evaluate("best", bestDescription, cvModel, watch.Elapsed.TotalSeconds));
        return new OcrReport(results, bestMetrics!, bestDescription, trainRows, testRows, losses);
    }

    /// <summary>
    /// Writes the confusion matrix of <c>best</c> and the training curves of every fit (PNG and SVG each), and the
    /// classification report of <c>best</c>; returns their paths. Under MPI rank 0 writes them, every rank returns the paths.
    /// </summary>
    internal static (string Svg, string Png, string Report, string TrainingCurves) WriteArtifacts(OcrReport report, string outDir)
    {
        string svg = Path.Combine(outDir, "ocr-best-confusion-matrix.svg"), png = Path.Combine(outDir, "ocr-best-confusion-matrix.png"), text = Path.Combine(outDir, "ocr-best-classification-report.txt");
        string curvesPng = Path.Combine(outDir, "ocr-training-curves.png");
        if (DlpSession.Active.Rank > 0) return (svg, png, text, curvesPng);
        Directory.CreateDirectory(outDir);
        var names = report.BestMetrics.AllLabels.Select(l => Letters[(int)l]).ToArray();
        var matrix = ConfusionMatrixPlot.Create(report.BestMetrics.ConfusionMatrix(), names, "Letter recognition: best pipeline (test set)");
        var curves = TrainingCurvePlot.Create(report.TrainingLoss, "Letter recognition: training loss (mean cross-entropy)");
        PlotFile.Save(matrix, svg, 900, 800);
        PlotFile.Save(matrix, png, 900, 800);
        PlotFile.Save(curves, curvesPng);
        PlotFile.Save(curves, Path.ChangeExtension(curvesPng, ".svg"));
        File.WriteAllText(text, report.BestDescription + "\n\n" + ClassificationReport.From(report.BestMetrics, Letters).ToText(4));
        return (svg, png, text, curvesPng);
    }
}
