using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Ml;
using DeepLearningPipelines.Ml.Classification;
using DeepLearningPipelines.Ml.Evaluation;
using DeepLearningPipelines.Ml.Feature;
using DeepLearningPipelines.Ml.Parameters;
using DeepLearningPipelines.Ml.Tuning;
using DeepLearningPipelines.Tests.Support;
using DeepLearningPipelines.Tests.Vision.Tensors;
using DeepLearningPipelines.Vision.Stages;
using DeepLearningPipelines.Vision.Training;
using DeepLearningPipelines.Vision.Tensors;

namespace DeepLearningPipelines.Tests.Ml;

/// <summary>
/// How to build a conformance case for every concrete stage and evaluator of the library, keyed by type. The types
/// themselves are found by reflection, so a new stage without a factory here fails the suite.
/// </summary>
public static class StageCatalog
{
    /// <summary>Every public, concrete stage (estimators, transformers, models) and evaluator in the library assembly.</summary>
    public static IReadOnlyList<Type> LibraryTypes { get; } = typeof(PipelineStage).Assembly.GetExportedTypes()
        .Where(t => t.IsClass && !t.IsAbstract && (typeof(PipelineStage).IsAssignableFrom(t) || typeof(Evaluator).IsAssignableFrom(t)))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .ToArray();

    private static readonly Dictionary<Type, StageCase> Stages = new[]
    {
        Case(() => new VectorAssembler().SetInputCols("x1", "x2", "features").SetOutputCol("assembled"), StageCase.Mixed, "x2"),
        Case(NewStringIndexer, StageCase.Mixed, "word"),
        Case(() => NewStringIndexer().Fit(StageCase.Mixed()), StageCase.Mixed, "word"),
        Case(() => new IndexToString().SetInputCol("cat").SetOutputCol("catName").SetLabels("a", "b", "c"), StageCase.Mixed, "cat"),
        Case(NewStandardScaler, StageCase.Mixed, "features"),
        Case(() => NewStandardScaler().Fit(StageCase.Mixed()), StageCase.Mixed, "features"),
        Case(NewOneHotEncoder, StageCase.Mixed, "cat"),
        Case(() => NewOneHotEncoder().Fit(StageCase.Mixed()), StageCase.Mixed, "cat"),
        Case(NewPipeline, StageCase.Mixed, "word"),
        Case(() => NewPipeline().Fit(StageCase.Mixed()), StageCase.Mixed, "word"),
        Case(NewLogisticRegression, StageCase.Mixed, "features"),
        Case(() => NewLogisticRegression().Fit(StageCase.Mixed()), StageCase.Mixed, "features"),
        Case(NewMultilayerPerceptron, StageCase.Mixed, "label"),
        Case(() => NewMultilayerPerceptron().Fit(StageCase.Mixed()), StageCase.Mixed, "features"),
        Case(NewCrossValidator, StageCase.Mixed, "features"),
        Case(() => NewCrossValidator().Fit(StageCase.Mixed()), StageCase.Mixed, "features"),
        Case(NewTrainValidationSplit, StageCase.Mixed, "features"),
        Case(() => NewTrainValidationSplit().Fit(StageCase.Mixed()), StageCase.Mixed, "features"),
        Case(() => new DeepImageFeaturizer().SetModelName(SharedModels.SqueezeNet).SetBgr(true).SetFeatureLayer("fire9/concat_1"), StageCase.Photos, "image"),
        Case(() => new DeepImagePredictor().SetModelName(SharedModels.SqueezeNet).SetBgr(true).SetDecodePredictions(true), StageCase.Photos, "image"),
        Case(() => new ImageFileTransformer().SetModelFile(SharedModels.SqueezeNet).SetBgr(true), StageCase.PhotoPaths, "uri"),
        Case(NewTensorEstimator, StageCase.Mixed, "features"),
        Case(() => NewTensorEstimator().Fit(StageCase.Mixed()), StageCase.Mixed, "features"),
        Case(NewImageFileEstimator, LabeledPhotoPaths, "uri"),
        Case(() => NewImageFileEstimator().Fit(LabeledPhotoPaths()), LabeledPhotoPaths, "uri"),
        Case(NewTensorTransformer, StageCase.Mixed, "features"),
    }.ToDictionary(c => c.Type, c => c.Case);

    private static readonly Dictionary<Type, EvaluatorCase> Evaluators = new[]
    {
        (typeof(BinaryClassificationEvaluator), new EvaluatorCase(nameof(BinaryClassificationEvaluator), () => new BinaryClassificationEvaluator(), EvaluatorCase.Predictions)),
        (typeof(MulticlassClassificationEvaluator), new EvaluatorCase(nameof(MulticlassClassificationEvaluator), () => new MulticlassClassificationEvaluator(), EvaluatorCase.Predictions)),
    }.ToDictionary(c => c.Item1, c => c.Item2);

    /// <summary>The stage cases, one per library stage type that has a factory.</summary>
    public static IEnumerable<StageCase> All() => LibraryTypes.Where(Stages.ContainsKey).Select(t => Stages[t]);

    /// <summary>The evaluator cases, one per library evaluator type that has a factory.</summary>
    public static IEnumerable<EvaluatorCase> AllEvaluators() => LibraryTypes.Where(Evaluators.ContainsKey).Select(t => Evaluators[t]);

    /// <summary>Library types the suite cannot build: each needs a factory above.</summary>
    public static IEnumerable<Type> WithoutFactory() => LibraryTypes.Where(t => !Stages.ContainsKey(t) && !Evaluators.ContainsKey(t));

    private static (Type Type, StageCase Case) Case<T>(Func<T> create, Func<DataFrame> data, string requiredColumn) where T : PipelineStage =>
        (typeof(T), new StageCase(typeof(T).Name, () => create(), data, requiredColumn));

    private static StringIndexer NewStringIndexer() => new StringIndexer().SetInputCol("word").SetOutputCol("wordIndex");
    private static StandardScaler NewStandardScaler() => new StandardScaler().SetInputCol("features").SetOutputCol("scaled").SetWithMean(true);
    private static OneHotEncoder NewOneHotEncoder() => new OneHotEncoder().SetInputCols("cat", "x2").SetOutputCols("catVec", "x2Vec");
    private static LogisticRegression NewLogisticRegression() => new LogisticRegression().SetMaxIter(30).SetRegParam(0.01).SetElasticNetParam(0.5);
    private static MultilayerPerceptronClassifier NewMultilayerPerceptron() => new MultilayerPerceptronClassifier().SetLayers(3, 4, 2).SetMaxIter(20).SetSeed(5);

    private static TensorEstimator NewTensorEstimator() => new TensorEstimator().SetInputCol("features").SetLayers("dense8").SetEpochs(2).SetBatchSize(16).SetSeed(3);
    private static ImageFileEstimator NewImageFileEstimator() => new ImageFileEstimator().SetInputCol("uri").SetLayers("conv4-pool-dense4").SetInputSize(16).SetEpochs(2).SetSeed(3);

    /// <summary>The three photo paths with class-index labels.</summary>
    private static DataFrame LabeledPhotoPaths() => DlpSession.Builder().Master("local[2]").GetOrCreate().CreateDataFrame(
        new[] { "chelsea.png", "coffee.png", "rocket.png" }.Select((n, i) => new object?[] { SharedModels.Image(n), i % 2 }),
        new Core.StructType(new Core.StructField("uri", Core.DataTypes.String), new Core.StructField("label", Core.DataTypes.Integer)));
    private static TensorTransformer NewTensorTransformer() => new TensorTransformer().SetModelName(TensorTestModels.Dense3x2)
        .SetFeedDict(new Dictionary<string, string> { ["features"] = "features" }).SetFetchDict(new Dictionary<string, string> { ["logits"] = "logits" }).SetScoresOutput("logits");

    private static Pipeline NewPipeline() => new Pipeline().SetStages(
        new StringIndexer().SetInputCol("word").SetOutputCol("wordIndex"),
        new OneHotEncoder().SetInputCols("wordIndex").SetOutputCols("wordVec"),
        new VectorAssembler().SetInputCols("wordVec", "features").SetOutputCol("all"),
        new StandardScaler().SetInputCol("all").SetOutputCol("allScaled"));

    private static CrossValidator NewCrossValidator()
    {
        var lr = new LogisticRegression().SetMaxIter(10);
        var pipeline = new Pipeline().SetStages(new StandardScaler().SetInputCol("features").SetOutputCol("scaled"), lr.SetFeaturesCol("scaled"));
        return new CrossValidator().SetEstimator(pipeline).SetEvaluator(new MulticlassClassificationEvaluator().SetMetricName("accuracy"))
            .SetEstimatorParamMaps(new ParamGridBuilder().AddGrid(lr, x => x.RegParam, 0.0, 0.5).AddGrid(lr, x => x.ElasticNetParam, 0.0, 1.0).Build())
            .SetNumFolds(3).SetParallelism(2).SetSeed(11);
    }

    private static TrainValidationSplit NewTrainValidationSplit()
    {
        var lr = new LogisticRegression().SetMaxIter(10);
        return new TrainValidationSplit().SetEstimator(lr).SetEvaluator(new BinaryClassificationEvaluator())
            .SetEstimatorParamMaps(new ParamGridBuilder().AddGrid(lr, "regParam", 0.0, 0.1).Build()).SetSeed(3);
    }
}
