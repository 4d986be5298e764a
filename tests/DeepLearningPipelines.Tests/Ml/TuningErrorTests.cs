using DeepLearningPipelines.Core;
using DeepLearningPipelines.Ml;
using DeepLearningPipelines.Ml.Classification;
using DeepLearningPipelines.Ml.Evaluation;
using DeepLearningPipelines.Ml.Tuning;

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
}
