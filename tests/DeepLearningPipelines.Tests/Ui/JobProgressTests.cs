using DeepLearningPipelines.Core;
using DeepLearningPipelines.Core.Progress;

namespace DeepLearningPipelines.Tests.Ui;

public sealed class JobProgressTests
{
    [Fact]
    public void StagesCountUnitsAdvancedFromManyThreads()
    {
        var job = new JobProgress("featurize");
        var stage = job.StartStage("featurizing", 8000, "images");
        Parallel.For(0, 8000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ => stage.Advance());

        var snapshot = job.Snapshot();
        Assert.Equal("running", snapshot.State);
        var only = Assert.Single(snapshot.Stages);
        Assert.Equal(("featurizing", "images", 8000L, (long?)8000, false), (only.Name, only.Unit, only.Done, only.Total, only.Finished));
    }

    [Fact]
    public void StartingAStageEndsThePreviousOneAndCompletingEndsTheLast()
    {
        var job = new JobProgress("examples");
        job.StartStage("split").Advance(3);
        var training = job.StartStage("training");
        Assert.True(job.Snapshot().Stages[0].Finished);
        Assert.False(job.Snapshot().Stages[1].Finished);
        Assert.Null(training.Total);
        training.SetTotal(10);

        job.Complete("accuracy 0.9");
        var done = job.Snapshot();
        Assert.Equal(("done", "accuracy 0.9"), (done.State, done.Report));
        Assert.All(done.Stages, s => Assert.True(s.Finished));
        Assert.Equal((long?)10, done.Stages[1].Total);
        double frozen = done.Stages[1].Seconds;
        Thread.Sleep(20);
        Assert.Equal(frozen, job.Snapshot().Stages[1].Seconds);
    }

    [Fact]
    public void LossCurvesKeepEachRunsValuesInOrder()
    {
        var job = new JobProgress("train");
        job.ReportLoss("small", 2.0);
        job.ReportLoss("large", 3.0);
        job.ReportLoss("small", 1.5);

        var losses = job.Snapshot().Losses;
        Assert.Equal([2.0, 1.5], losses["small"]);
        Assert.Equal([3.0], losses["large"]);
    }

    [Fact]
    public void AFailedJobKeepsItsError()
    {
        var job = new JobProgress("featurize");
        job.StartStage("featurizing");
        job.Fail("No images in /tmp/x.");
        Assert.Equal(("failed", "No images in /tmp/x.", (string?)null), (job.Snapshot().State, job.Snapshot().Error, job.Snapshot().Report));
    }

    [Fact]
    public void ANegativeTotalIsRejected()
    {
        var stage = new JobProgress("j").StartStage("s");
        Assert.Throws<ParamException>(() => stage.SetTotal(-1));
    }
}
