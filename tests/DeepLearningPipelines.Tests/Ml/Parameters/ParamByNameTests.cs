using DeepLearningPipelines.Core;
using DeepLearningPipelines.Ml;
using DeepLearningPipelines.Ml.Classification;
using DeepLearningPipelines.Ml.Evaluation;
using DeepLearningPipelines.Ml.Feature;
using DeepLearningPipelines.Vision.Stages;

namespace DeepLearningPipelines.Tests.Ml.Parameters;

/// <summary>Params set as Spark users do: object initializers, flat properties, and by name with Spark's conversions.</summary>
public class ParamByNameTests
{
    [Fact]
    public void ObjectInitializerSetsFlatAndGroupedParams()
    {
        var lr = new LogisticRegression { MaxIter = 20, RegParam = 0.05, LabelCol = "target", Thresholds = [0.4, 0.6] };
        Assert.Equal(20, lr.Get(lr.MaxIterParam));
        Assert.Equal(0.05, lr.Get("regParam"));
        Assert.Equal("target", lr.Get(lr.Columns.LabelCol));
        Assert.Equal([0.4, 0.6], lr.Get(lr.Columns.Thresholds));
        Assert.Equal(1e-6, lr.Tol);

        var featurizer = new DeepImageFeaturizer { InputCol = "photo", ModelName = "ResNet50", BatchSize = 8, Engine = "managed" };
        Assert.Equal("ResNet50", featurizer.Get(featurizer.Image.ModelName));
        Assert.Equal(8, featurizer.Get("batchSize"));
        Assert.Equal("managed", featurizer.Engine);
        featurizer.Engine = null;
        Assert.False(featurizer.IsDefined(featurizer.Image.Engine));
        Assert.Null(featurizer.Engine);
    }

    [Fact]
    public void ObjectInitializerPipelinePredictsAsTheSetChainPipeline()
    {
        var data = StageCase.Mixed();
        var initialized = new Pipeline
        {
            Stages =
            [
                new VectorAssembler { InputCols = ["x1", "x2"], OutputCol = "raw" },
                new StandardScaler { InputCol = "raw", OutputCol = "scaled", WithMean = true },
                new MultilayerPerceptronClassifier { FeaturesCol = "scaled", Layers = [2, 4, 2], MaxIter = 15, Seed = 7 },
            ],
        };
        var chained = new Pipeline().SetStages(
            new VectorAssembler().SetInputCols("x1", "x2").SetOutputCol("raw"),
            new StandardScaler().SetInputCol("raw").SetOutputCol("scaled").SetWithMean(true),
            new MultilayerPerceptronClassifier().SetFeaturesCol("scaled").SetLayers(2, 4, 2).SetMaxIter(15).SetSeed(7));
        static string[] Predict(Pipeline p, DeepLearningPipelines.Frames.DataFrame d) =>
            p.Fit(d).Transform(d).Select("probability", "prediction").Collect().Select(r => r.ToString()).ToArray();
        Assert.Equal(Predict(chained, data), Predict(initialized, data));
    }

    [Fact]
    public void PropertyValidatesAsTheSetMethod()
    {
        var viaProperty = Assert.Throws<ParamException>(() => new LogisticRegression { ElasticNetParam = 1.5 });
        var viaMethod = Assert.Throws<ParamException>(() => new LogisticRegression().SetElasticNetParam(1.5));
        Assert.Equal(viaMethod.Message, viaProperty.Message);
        Assert.Contains("'elasticNetParam'", viaProperty.Message);

        var evaluator = new MulticlassClassificationEvaluator { MetricName = "ACCURACY" };
        Assert.Equal("accuracy", evaluator.MetricName);
    }

    [Fact]
    public void SetByNameConvertsNumbersAsSparkDoes()
    {
        var lr = new LogisticRegression();
        lr.Set("regParam", 1).Set("maxIter", 7.0).Set("thresholds", new List<int> { 1, 3 });
        Assert.Equal(1.0, lr.RegParam);
        Assert.Equal(7, lr.MaxIter);
        Assert.Equal([1.0, 3.0], lr.Thresholds!);

        var net = new MultilayerPerceptronClassifier().Set("seed", 5).Set("layers", new long[] { 4, 3, 2 });
        var mlp = (MultilayerPerceptronClassifier)net;
        Assert.Equal(5L, mlp.Seed);
        Assert.Equal([4, 3, 2], mlp.Layers!);
    }

    [Fact]
    public void SetByNameWithTheWrongTypeNamesTheParamAndBothTypes()
    {
        var lr = new LogisticRegression();
        var e = Assert.Throws<ParamException>(() => lr.Set("regParam", "0.1"));
        Assert.Equal("Param 'regParam' of LogisticRegression expects double but was given string \"0.1\".", e.Message);
        Assert.Contains("expects int but was given double 2.5", Assert.Throws<ParamException>(() => lr.Set("maxIter", 2.5)).Message);
        Assert.Contains("expects bool but was given int 1", Assert.Throws<ParamException>(() => lr.Set("fitIntercept", 1)).Message);
        Assert.Contains("expects string[] but was given int[] [1, 2]", Assert.Throws<ParamException>(() => new VectorAssembler().Set("inputCols", new[] { 1, 2 })).Message);
        Assert.Contains("expects int but was given long", Assert.Throws<ParamException>(() => lr.Set("maxIter", long.MaxValue)).Message);
        Assert.Equal(100, lr.MaxIter);
    }

    [Fact]
    public void UnknownNameListsTheParamsClosestFirst()
    {
        var lr = new LogisticRegression();
        var e = Assert.Throws<ParamException>(() => lr.Set("RegParam", 0.1));
        Assert.StartsWith("LogisticRegression has no param 'RegParam'. Did you mean 'regParam'? Its params, closest first: regParam, ", e.Message);
        foreach (var p in lr.ParamList) Assert.Contains(p.Name, e.Message);
        Assert.Contains("Did you mean 'maxIter'?", Assert.Throws<ParamException>(() => lr.Get("maxIterations")).Message);
        Assert.DoesNotContain("Did you mean", Assert.Throws<ParamException>(() => lr.Get("zzz")).Message);
    }

    [Fact]
    public void GetByNameReturnsTheDefaultAndSaysWhenThereIsNone()
    {
        var scaler = new StandardScaler();
        Assert.Equal(true, scaler.Get("withStd"));
        Assert.Null(scaler.InputCol);
        Assert.Contains("'inputCol'", Assert.Throws<ParamException>(() => scaler.Get("inputCol")).Message);
    }
}
