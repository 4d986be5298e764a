using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Ml;
using DeepLearningPipelines.Ml.Classification;
using DeepLearningPipelines.Ml.Evaluation;
using DeepLearningPipelines.Ml.Feature;
using DeepLearningPipelines.Ml.Parameters;
using DeepLearningPipelines.Ml.Tuning;
using DeepLearningPipelines.Tests.Support;
using static DeepLearningPipelines.Frames.Functions;

namespace DeepLearningPipelines.Tests.Ml;

public class ClassificationTests
{
    private static readonly DlpSession Session = DlpSession.Builder().Master("local[2]").GetOrCreate();

    /// <summary>The letters data with a <c>features</c> vector and a double <c>label</c>, optionally only the first classes.</summary>
    internal static DataFrame Letters(int maxLabel = 25)
    {
        var raw = Session.Read().Option("header", true).Option("inferSchema", true).Csv(TestPaths.LettersCsv).Filter(Col("lettr") <= maxLabel);
        return new VectorAssembler().SetInputCols(raw.Columns.Skip(1).ToArray()).SetOutputCol("features")
            .Transform(raw.WithColumn("label", Col("lettr").Cast("double"))).Select("features", "label").Cache();
    }

    [Fact]
    public void BinomialLogisticRegressionSeparatesTwoLettersAndHonoursThreshold()
    {
        var split = Letters(maxLabel: 1).RandomSplit([0.75, 0.25], 12345);
        var model = new LogisticRegression().SetMaxIter(100).SetRegParam(0.01).Fit(split[0]);
        Assert.False(model.IsMultinomial);
        Assert.Equal(16, model.Coefficients.Size);
        var predictions = model.Transform(split[1]);
        Assert.True(new BinaryClassificationEvaluator().Evaluate(predictions) > 0.99);
        Assert.True(new MulticlassClassificationEvaluator().SetMetricName("accuracy").Evaluate(predictions) > 0.95);
        var row = predictions.First();
        var p = (Vector)row["probability"]!;
        Assert.Equal(1.0, p[0] + p[1], 12);
        Assert.Equal(p[1] > 0.5 ? 1.0 : 0.0, row.Get<double>("prediction"));
        var ones = (double threshold) => model.Copy(new ParamMap().Put(model.ThresholdParam, threshold)) is LogisticRegressionModel m
            ? m.Transform(split[1]).Filter(Col("prediction").EqualTo(1.0)).Count() : -1;
        Assert.True(ones(0.05) > ones(0.95));
    }

    [Fact]
    public void MultinomialLogisticRegressionOnAllLettersMatchesThePublishedRange()
    {
        var split = Letters().RandomSplit([0.75, 0.25], 12345);
        var model = new LogisticRegression().SetMaxIter(100).Fit(split[0]);
        Assert.True(model.IsMultinomial);
        Assert.Equal(26, model.NumClasses);
        var predictions = model.Transform(split[1]).Cache();
        var evaluator = new MulticlassClassificationEvaluator();
        double accuracy = evaluator.SetMetricName("accuracy").Evaluate(predictions);
        Assert.InRange(accuracy, 0.70, 0.82); // scikit-learn's multinomial logistic regression reaches about 0.77 on this data
        var auc = evaluator.OneVsRestRocAuc(predictions);
        Assert.Equal(26, auc.ByClass.Count);
        Assert.InRange(auc.MacroAverage, 0.9, 1.0);
        Assert.True(evaluator.SetMetricName("logLoss").Evaluate(predictions) > 0);
    }

    [Fact]
    public void CrossValidatorPicksTheBetterRegularisation()
    {
        var data = Letters(maxLabel: 1);
        var lr = new LogisticRegression().SetMaxIter(50);
        var grid = new ParamGridBuilder().AddGrid(lr, x => x.RegParam, 0.001, 10.0).Build();
        Assert.Equal(2, grid.Length);
        var cv = new CrossValidator().SetEstimator(lr).SetEstimatorParamMaps(grid)
            .SetEvaluator(new MulticlassClassificationEvaluator().SetMetricName("accuracy")).SetNumFolds(3).SetParallelism(2).SetSeed(1);
        var model = cv.Fit(data);
        Assert.Equal(2, model.AvgMetrics.Length);
        Assert.Equal(0, model.BestIndex);
        Assert.True(model.AvgMetrics[0] > model.AvgMetrics[1]);
        Assert.Equal(0.001, ((LogisticRegressionModel)model.BestModel).Parent!.Get(lr.RegParamParam));
    }

    [Fact]
    public void LabelOutsideTheOutputLayerIsNamed()
    {
        var mlp = new MultilayerPerceptronClassifier().SetLayers(16, 8, 10).SetMaxIter(5);
        var e = Assert.Throws<DataFormatException>(() => mlp.Fit(Letters(maxLabel: 12)));
        Assert.Contains("'label'", e.Message);
        Assert.Contains("10 units", e.Message);
        var wrongInput = Assert.Throws<DataFormatException>(() => new MultilayerPerceptronClassifier().SetLayers(4, 26).Fit(Letters(maxLabel: 2)));
        Assert.Contains("layers[0]", wrongInput.Message);
    }

    [Fact]
    public void NonFiniteFeaturesEmptyDataAndStringLabelsGiveClearErrors()
    {
        var schema = new StructType(new StructField("features", DataTypes.Vector), new StructField("label", DataTypes.Double));
        var bad = Session.CreateDataFrame([[Vectors.Dense(1, double.PositiveInfinity), 1.0], [Vectors.Dense(0, 1), 0.0]], schema);
        var e = Assert.Throws<DataFormatException>(() => new LogisticRegression().Fit(bad));
        Assert.Contains("non-finite value (Infinity)", e.Message);
        Assert.Contains("'features'", e.Message);

        var empty = Session.CreateDataFrame(System.Array.Empty<object?[]>(), schema);
        Assert.Contains("empty data set", Assert.Throws<DataFormatException>(() => new LogisticRegression().Fit(empty)).Message);

        var stringLabels = new StructType(new StructField("features", DataTypes.Vector), new StructField("label", DataTypes.String));
        var s = Assert.Throws<SchemaException>(() => new LogisticRegression().Fit(Session.CreateDataFrame([[Vectors.Dense(1), "yes"]], stringLabels)));
        Assert.Contains("Column 'label' must be numeric", s.Message);
    }

    [Fact]
    public void SavedPipelineWithClassifierPredictsTheSame()
    {
        var data = Letters(maxLabel: 4);
        var pipeline = new Pipeline().SetStages(
            new StandardScaler().SetInputCol("features").SetOutputCol("scaled").SetWithMean(true),
            new MultilayerPerceptronClassifier().SetFeaturesCol("scaled").SetLayers(16, 12, 5).SetMaxIter(50).SetSeed(3));
        var model = pipeline.Fit(data);
        var dir = Path.Combine(TestPaths.NewTempDir(), "pipeline");
        model.Save(dir);
        var loaded = PipelineModel.Load(dir);
        var a = model.Transform(data).Select("prediction").Collect().Select(r => r.Get<double>(0));
        var b = loaded.Transform(data).Select("prediction").Collect().Select(r => r.Get<double>(0));
        Assert.Equal(a, b);
    }
}
