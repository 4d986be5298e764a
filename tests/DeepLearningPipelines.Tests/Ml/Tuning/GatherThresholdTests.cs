using DeepLearningPipelines.Core;
using DeepLearningPipelines.Ml.Classification;
using DeepLearningPipelines.Ml.Evaluation;
using DeepLearningPipelines.Ml.Tuning;
using DeepLearningPipelines.Tests.Support;

namespace DeepLearningPipelines.Tests.Ml.Tuning;

/// <summary>
/// <c>gatherThreshold</c> (how much training data an MPI job gathers to spread the candidate fits): a byte count of
/// at least 0, and how a job runs rather than what it computes, so it is not saved (the metadata stays Spark's).
/// </summary>
public class GatherThresholdTests
{
    [Fact]
    public void ANegativeThresholdIsRejected()
    {
        var e = Assert.Throws<ParamException>(() => new CrossValidator().SetGatherThreshold(-1));
        Assert.Contains("gatherThreshold", e.Message);
        Assert.Throws<ParamException>(() => new TrainValidationSplit { GatherThreshold = -5 });
    }

    [Fact]
    public void TheThresholdIsNotSaved()
    {
        var path = Path.Combine(TestPaths.NewTempDir(), "cv");
        new CrossValidator().SetEstimator(new LogisticRegression()).SetEvaluator(new BinaryClassificationEvaluator())
            .SetEstimatorParamMaps(new ParamGridBuilder().Build()).SetGatherThreshold(1024).Save(path);

        Assert.DoesNotContain("gatherThreshold", File.ReadAllText(Path.Combine(path, "metadata.json")));
        Assert.Equal(CrossValidator.DefaultGatherThreshold, CrossValidator.Load(path).GatherThreshold);
    }
}
