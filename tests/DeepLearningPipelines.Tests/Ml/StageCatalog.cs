using DeepLearningPipelines.Ml;
using DeepLearningPipelines.Ml.Classification;
using DeepLearningPipelines.Ml.Evaluation;
using DeepLearningPipelines.Ml.Feature;
using DeepLearningPipelines.Ml.Parameters;
using DeepLearningPipelines.Ml.Tuning;
using DeepLearningPipelines.Tests.Support;
using DeepLearningPipelines.Vision.Stages;

namespace DeepLearningPipelines.Tests.Ml;

/// <summary>Every stage the library offers, configured on <see cref="StageCase.Mixed"/>.</summary>
public static class StageCatalog
{
    public static IEnumerable<StageCase> All()
    {
        yield return new("VectorAssembler", () => new VectorAssembler().SetInputCols("x1", "x2", "features").SetOutputCol("assembled"), StageCase.Mixed, "x2");
        yield return new("StringIndexer", () => new StringIndexer().SetInputCol("word").SetOutputCol("wordIndex"), StageCase.Mixed, "word");
        yield return new("IndexToString", () => new IndexToString().SetInputCol("cat").SetOutputCol("catName").SetLabels("a", "b", "c"), StageCase.Mixed, "cat");
        yield return new("StandardScaler", () => new StandardScaler().SetInputCol("features").SetOutputCol("scaled").SetWithMean(true), StageCase.Mixed, "features");
        yield return new("OneHotEncoder", () => new OneHotEncoder().SetInputCols("cat", "x2").SetOutputCols("catVec", "x2Vec"), StageCase.Mixed, "cat");
        yield return new("Pipeline", () => new Pipeline().SetStages(
            new StringIndexer().SetInputCol("word").SetOutputCol("wordIndex"),
            new OneHotEncoder().SetInputCols("wordIndex").SetOutputCols("wordVec"),
            new VectorAssembler().SetInputCols("wordVec", "features").SetOutputCol("all"),
            new StandardScaler().SetInputCol("all").SetOutputCol("allScaled")), StageCase.Mixed, "word");
        yield return new("LogisticRegression", () => new LogisticRegression().SetMaxIter(30).SetRegParam(0.01).SetElasticNetParam(0.5), StageCase.Mixed, "features");
        yield return new("MultilayerPerceptronClassifier", () => new MultilayerPerceptronClassifier().SetLayers(3, 4, 2).SetMaxIter(20).SetSeed(5), StageCase.Mixed, "label");
        yield return new("CrossValidator", CrossValidatorCase, StageCase.Mixed, "features");
        yield return new("DeepImageFeaturizer", () => new DeepImageFeaturizer().SetModelName(SharedModels.SqueezeNet).SetBgr(true).SetFeatureLayer("fire9/concat_1"), StageCase.Photos, "image");
        yield return new("DeepImagePredictor", () => new DeepImagePredictor().SetModelName(SharedModels.SqueezeNet).SetBgr(true).SetDecodePredictions(true), StageCase.Photos, "image");
        yield return new("ImageFileTransformer", () => new ImageFileTransformer().SetModelFile(SharedModels.SqueezeNet).SetBgr(true), StageCase.PhotoPaths, "uri");
        yield return new("TrainValidationSplit", () =>
        {
            var lr = new LogisticRegression().SetMaxIter(10);
            return new TrainValidationSplit().SetEstimator(lr).SetEvaluator(new BinaryClassificationEvaluator())
                .SetEstimatorParamMaps(new ParamGridBuilder().AddGrid(lr.RegParam, 0.0, 0.1).Build()).SetSeed(3);
        }, StageCase.Mixed, "features");
    }

    private static PipelineStage CrossValidatorCase()
    {
        var lr = new LogisticRegression().SetMaxIter(10);
        var pipeline = new Pipeline().SetStages(new StandardScaler().SetInputCol("features").SetOutputCol("scaled"), lr.SetFeaturesCol("scaled"));
        return new CrossValidator().SetEstimator(pipeline).SetEvaluator(new MulticlassClassificationEvaluator().SetMetricName("accuracy"))
            .SetEstimatorParamMaps(new ParamGridBuilder().AddGrid(lr.RegParam, 0.0, 0.5).AddGrid(lr.ElasticNetParam, 0.0, 1.0).Build())
            .SetNumFolds(3).SetParallelism(2).SetSeed(11);
    }
}
