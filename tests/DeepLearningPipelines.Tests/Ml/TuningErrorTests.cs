using DeepLearningPipelines.Core;
using DeepLearningPipelines.Ml;
using DeepLearningPipelines.Ml.Classification;
using DeepLearningPipelines.Ml.Evaluation;
using DeepLearningPipelines.Ml.Tuning;
using DeepLearningPipelines.Tests.Support;
using DeepLearningPipelines.Tests.Vision.Tensors;
using DeepLearningPipelines.Vision.Tensors;

namespace DeepLearningPipelines.Tests.Ml;

/// <summary>A candidate's failure reaches the caller as the stage's own exception, whatever the parallelism.</summary>
public class TuningErrorTests
{
    /// <summary>An MLP whose single output unit cannot hold label 1 of the mixed data: its Fit throws DataFormatException.</summary>
    private static MultilayerPerceptronClassifier FailingEstimator() => new MultilayerPerceptronClassifier().SetLayers(3, 4, 1).SetMaxIter(2);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void CrossValidatorRethrowsTheStageException(int parallelism)
    {
        var cv = new CrossValidator().SetEstimator(FailingEstimator()).SetEvaluator(new MulticlassClassificationEvaluator())
            .SetEstimatorParamMaps(new ParamGridBuilder().Build()).SetParallelism(parallelism);
        var e = Assert.Throws<DataFormatException>(() => cv.Fit(StageCase.Mixed()));
        Assert.Contains("'label'", e.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void TrainValidationSplitRethrowsTheStageException(int parallelism)
    {
        var tvs = new TrainValidationSplit().SetEstimator(FailingEstimator()).SetEvaluator(new MulticlassClassificationEvaluator())
            .SetEstimatorParamMaps(new ParamGridBuilder().Build()).SetParallelism(parallelism);
        Assert.Throws<DataFormatException>(() => tvs.Fit(StageCase.Mixed()));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void CrossValidatorRethrowsAnErrorRaisedWhileAFoldIsTransformed(int parallelism)
    {
        // The head takes 4 values per row but the mixed data's vectors have 3: the error is raised by the executor, inside a fold.
        var head = new TensorTransformer().SetModelName(TensorTestModels.Dense(Path.Combine(TestPaths.NewTempDir(), "head4.onnx"), TensorTestModels.Weights(8, 1), TensorTestModels.Weights(2, 2), 4, 2))
            .SetFeedDict(new Dictionary<string, string> { ["features"] = "features" }).SetFetchDict(new Dictionary<string, string> { ["logits"] = "logits" });
        var cv = new CrossValidator().SetEstimator(new Pipeline().SetStages(head, new LogisticRegression().SetFeaturesCol("logits").SetMaxIter(2)))
            .SetEvaluator(new MulticlassClassificationEvaluator()).SetEstimatorParamMaps(new ParamGridBuilder().Build()).SetNumFolds(2).SetParallelism(parallelism);

        var e = Assert.Throws<DataFormatException>(() => cv.Fit(StageCase.Mixed()));

        Assert.Contains("model input 'features' takes rows of shape [4]", e.Message);
    }
}
