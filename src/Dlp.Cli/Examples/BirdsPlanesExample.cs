using System.Diagnostics;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Ml;
using DeepLearningPipelines.Ml.Classification;
using DeepLearningPipelines.Ml.Evaluation;
using DeepLearningPipelines.Ml.Tuning;
using DeepLearningPipelines.Nn.Zoo;
using DeepLearningPipelines.Vision.Sources;
using DeepLearningPipelines.Vision.Stages;
using static DeepLearningPipelines.Frames.Functions;

using DeepLearningPipelines.Ml.Evaluation.Metrics;
using DeepLearningPipelines.Ml.Evaluation.Plots;

namespace DeepLearningPipelines.Cli.Examples;

/// <summary>One test image's outcome.</summary>
internal sealed record BirdsPlanesPrediction(string Image, string Label, string Predicted, double Probability);

/// <summary>Everything the birds-vs-planes case study produced.</summary>
internal sealed record BirdsPlanesReport(string Model, string FeatureLayer, double Accuracy, IReadOnlyList<BirdsPlanesPrediction> Predictions,
    double FeaturizeSeconds, double TrainSeconds, string? CrossValidation, FineTuneReport? FineTune);

/// <summary>
/// The transfer-learning case study: CNN features of 60 photos, a 75/25 split per class (seed 12345), logistic
/// regression (maxIter 20, regParam 0.05, elasticNetParam 0.3), and optionally a cross-validator over zoo models (or
/// feature layers of one model) and regParam, or fine-tuning the network's top layers on the same split
/// (<see cref="BirdsPlanesFineTune"/>). The split depends only on the seed and the photos' file names, not on the
/// number of cores.
/// </summary>
public static class BirdsPlanesExample
{
    public const string DataRelativePath = "birds-planes";
    internal static readonly string[] Classes = ["birds", "planes"];

    /// <summary>
    /// The photos of <paramref name="dataPath"/>'s class folders with <c>label</c> and <c>labelIndex</c>, split 75/25 per
    /// class (seed 12345); both sides cached.
    /// </summary>
    public static (DataFrame Train, DataFrame Test) Split(DlpSession session, string dataPath)
    {
        var images = Classes.Select(c =>
        {
            var dir = Path.Combine(dataPath, c);
            if (!Directory.Exists(dir)) throw new DataFormatException($"Expected a folder '{c}' with {c} photos in {dataPath}.");
            return session.ReadImages(dir, new ImageReadOptions { LabelFromFolder = true });
        }).Aggregate((a, b) => a.Union(b));
        var labelled = images.WithColumn("labelIndex", Udf<string, double>(l => System.Array.IndexOf(Classes, l), DataTypes.Double)(Col("label")));
        var splits = Classes.Select(c => labelled.Filter(Col("label").EqualTo(c)).RandomSplit([0.75, 0.25], 12345)).ToArray();
        var train = splits.Select(s => s[0]).Aggregate((a, b) => a.Union(b)).Cache();
        var test = splits.Select(s => s[1]).Aggregate((a, b) => a.Union(b)).Cache();
        RequireBothSides(dataPath, Labels(train), Labels(test));
        return (train, test);
    }

    internal static BirdsPlanesReport Run(string dataPath, DeepImageFeaturizer featurizer, string[]? crossValidate, Action<string>? progress = null,
        FineTuneSettings? fineTune = null)
    {
        var (train, test) = Split(DlpSession.Active, dataPath);
        // Resolved first, so that a layer the model lacks fails before the photos are featurized.
        string? tuneFrom = fineTune is null ? null : BirdsPlanesFineTune.StartNode(featurizer.ModelName, fineTune, DlpSession.Active);

        progress?.Invoke($"featurizing the photos with {featurizer.ModelName}");
        var watch = Stopwatch.StartNew();
        var trainFeatures = featurizer.Transform(train).Cache();
        var testFeatures = featurizer.Transform(test).Cache();
        long photos = trainFeatures.Count() + testFeatures.Count();
        double featurizeSeconds = watch.Elapsed.TotalSeconds;
        progress?.Invoke($"{photos} photos featurized in {featurizeSeconds:F1} s");

        var lr = new LogisticRegression().SetMaxIter(20).SetRegParam(0.05).SetElasticNetParam(0.3).SetLabelCol("labelIndex");
        watch.Restart();
        var model = lr.Fit(trainFeatures);
        double trainSeconds = watch.Elapsed.TotalSeconds;
        var predictions = model.Transform(testFeatures).Collect()
            .Select(r => new BirdsPlanesPrediction(Path.GetFileName(ImageSchema.Origin((Row)r["image"]!)), (string)r["label"]!,
                Classes[(int)r.Get<double>("prediction")], ((Vector)r["probability"]!)[(int)r.Get<double>("prediction")]))
            .OrderBy(p => p.Image, StringComparer.Ordinal).ToList();
        double accuracy = predictions.Count(p => p.Label == p.Predicted) / (double)predictions.Count;

        string? cv = null;
        if (crossValidate is { Length: > 0 })
        {
            bool models = crossValidate.All(c => ZooCatalog.Find(c) is not null);
            var candidates = models ? featurizer.Image.ModelName : featurizer.FeatureLayerParam;
            if (models) featurizer.FeatureLayer = null;
            progress?.Invoke($"cross-validating over {(models ? "models" : "feature layers")} {string.Join(", ", crossValidate)} and regParam 0.01, 0.05, 0.3");
            var grid = new ParamGridBuilder().AddGrid(candidates, crossValidate).AddGrid(lr, x => x.RegParam, 0.01, 0.05, 0.3).Build();
            var validator = new CrossValidator().SetEstimator(new Pipeline().SetStages(featurizer, lr)).SetEstimatorParamMaps(grid)
                .SetEvaluator(new MulticlassClassificationEvaluator().SetMetricName("accuracy").SetLabelCol("labelIndex")).SetNumFolds(3).SetSeed(12345);
            var cvModel = validator.Fit(train);
            var best = grid[cvModel.BestIndex];
            double cvTest = new MulticlassClassificationEvaluator().SetMetricName("accuracy").SetLabelCol("labelIndex").Evaluate(cvModel.Transform(test));
            cv = $"best of {grid.Length}: {(models ? "model" : "featureLayer")} {best.Get(candidates)}, regParam {best.Get(lr.RegParamParam)} " +
                 $"(mean CV accuracy {cvModel.AvgMetrics[cvModel.BestIndex]:F3}); test accuracy {cvTest:F3}";
        }
        var spec = featurizer.ModelName;
        var layer = featurizer.FeatureLayer ?? "(default)";
        var tuned = fineTune is null ? null : BirdsPlanesFineTune.Run(train, test, spec, tuneFrom!, fineTune, progress);
        return new BirdsPlanesReport(spec, layer, accuracy, predictions, featurizeSeconds, trainSeconds, cv, tuned);
    }

    /// <summary>Writes the ROC and precision-recall curves of the test predictions (planes as positive) as PNG and SVG; returns the PNG paths.</summary>
    internal static (string Roc, string PrecisionRecall) WriteCurves(BirdsPlanesReport report, string outDir)
    {
        Directory.CreateDirectory(outDir);
        double[] scores = report.Predictions.Select(p => p.Predicted == Classes[1] ? p.Probability : 1 - p.Probability).ToArray();
        double[] labels = report.Predictions.Select(p => p.Label == Classes[1] ? 1.0 : 0.0).ToArray();
        var metrics = new BinaryClassificationMetrics(scores, labels);
        string roc = Path.Combine(outDir, "birds-planes-roc.png"), pr = Path.Combine(outDir, "birds-planes-precision-recall.png");
        foreach (var (path, plot) in new[] { (roc, CurvePlot.Roc(metrics, "Birds vs planes: ROC (test set, planes positive)")),
                     (pr, CurvePlot.PrecisionRecall(metrics, "Birds vs planes: precision-recall (test set, planes positive)")) })
        {
            PlotFile.Save(plot, path);
            PlotFile.Save(plot, Path.ChangeExtension(path, ".svg"));
        }
        return (roc, pr);
    }

    private static List<string> Labels(DataFrame frame) => frame.Select("label").Collect().Select(r => (string)r[0]!).ToList();

    /// <summary>Fails, with the photos per class, when the split left no training or no test image (too few photos).</summary>
    private static void RequireBothSides(string dataPath, List<string> train, List<string> test)
    {
        if (train.Count > 0 && test.Count > 0) return;
        string perClass = string.Join(", ", Classes.Select(c => $"{c}/ {train.Count(l => l == c) + test.Count(l => l == c)}"));
        throw new DataFormatException(
            $"The 75/25 split of {dataPath} left no {(test.Count == 0 ? "test" : "training")} images: photos per class: {perClass}. " +
            "Put more photos (at least 4) in each class folder.");
    }
}
