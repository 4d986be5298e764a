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
    public void ChartsKeepEachSeriesPointsInOrder()
    {
        var job = new JobProgress("train");
        var loss = job.Chart("loss", "step");
        loss.Series("training").Add(1, 2.0);
        job.Chart("accuracy", "step").Series("validation").Add(2, 0.5);
        Assert.Same(loss, job.Chart("loss", "step"));
        job.Chart("loss", "step").Series("training").Add(2, 1.5);
        loss.Series("validation").Add(2, double.NaN);

        var charts = job.Snapshot().Charts;
        Assert.Equal([("loss", "step"), ("accuracy", "step")], charts.Select(c => (c.Title, c.XLabel)));
        var training = charts[0].Series[0];
        Assert.Equal("training", training.Name);
        Assert.Equal([1.0, 2.0], training.X);
        Assert.Equal([2.0, 1.5], training.Y);
        Assert.Empty(charts[0].Series[1].X);
    }

    [Fact]
    public void SeriesTakePointsFromManyThreads()
    {
        var series = new JobProgress("train").Chart("loss", "step").Series("batch");
        Parallel.For(0, MetricSeries.MaxPoints, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => series.Add(i, i));
        var points = series.Snapshot();
        Assert.Equal(MetricSeries.MaxPoints, points.X.Length);
        Assert.Equal(points.X, points.Y);
    }

    [Fact]
    public void ALongSeriesIsThinnedKeepingTheFirstAndTheLatestPoints()
    {
        var series = new JobProgress("train").Chart("loss", "step").Series("batch");
        int added = 3 * MetricSeries.MaxPoints + 100; // the last thinning comes at 5,997 points, before the last 10
        for (int step = 1; step <= added; step++) series.Add(step, 1.0 / step);

        var points = series.Snapshot();
        Assert.InRange(points.X.Length, MetricSeries.MaxPoints / 2, MetricSeries.MaxPoints);
        Assert.Equal((1.0, (double)added), (points.X[0], points.X[^1]));
        Assert.True(points.X.Zip(points.X.Skip(1)).All(p => p.First < p.Second), "the points are no longer in order");
        Assert.All(points.X.Zip(points.Y), p => Assert.Equal(1.0 / p.First, p.Second));
        Assert.Equal(Enumerable.Range(added - 9, 10).Select(i => (double)i), points.X[^10..]);
    }

    [Fact]
    public void TablesKeepTheLatestRowsAndCountAll()
    {
        var job = new JobProgress("stream");
        var batches = job.Table("micro-batches", "batch", "rows");
        for (int i = 0; i < JobTable.MaxRows + 5; i++) batches.AddRow(i.ToString(), "3");

        var table = Assert.Single(job.Snapshot().Tables);
        Assert.Equal(["batch", "rows"], table.Columns);
        Assert.Equal(JobTable.MaxRows + 5, table.TotalRows);
        Assert.Equal(JobTable.MaxRows, table.Rows.Count);
        Assert.Equal(["5", "3"], table.Rows[0]);
        Assert.Same(batches, job.Table("micro-batches", "batch", "rows"));
    }

    [Fact]
    public void ARowOfTheWrongWidthOrOtherColumnsAreRejected()
    {
        var job = new JobProgress("stream");
        var table = job.Table("micro-batches", "batch", "rows");
        var error = Assert.Throws<ParamException>(() => table.AddRow("1"));
        Assert.Contains("has 2 columns (batch, rows), but the row has 1 cells", error.Message);
        Assert.Throws<ParamException>(() => job.Table("micro-batches", "batch"));
        Assert.Throws<ParamException>(() => job.Table("empty"));
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
