using DeepLearningPipelines.Streaming;
using DeepLearningPipelines.Tests.Support;

namespace DeepLearningPipelines.Tests.Streaming;

/// <summary>
/// Restarts from each state a crash can leave a checkpoint and a file sink in (the writes come in the order
/// sources/N, offsets/N, staged file, _spark_metadata/N, renamed file, commits/N): every input row ends up in the
/// output exactly once.
/// </summary>
public class ExactlyOnceRecoveryTests
{
    private static (string Input, string Output, string Checkpoint) CommittedBatch(DeepLearningPipelines.Frames.DlpSession session)
    {
        var (input, output, checkpoint) = (TestPaths.NewTempDir(), TestPaths.NewTempDir(), TestPaths.NewTempDir());
        StreamFiles.Arrive(input, "a.csv", "name,age\nann,30\nbob,17\n");
        StreamingQueryTests.Run(session, input, output, checkpoint, "json");
        return (input, output, checkpoint);
    }

    private static string[] OutputNames(string output) =>
        Directory.GetFiles(output).SelectMany(File.ReadLines).Select(l => l.Split('"')[3]).Order().ToArray();

    [Fact]
    public void ABatchWhoseCommitWasLostIsNotWrittenTwice()
    {
        using var session = StreamFiles.NewSession();
        var (input, output, checkpoint) = CommittedBatch(session);
        File.Delete(Path.Combine(checkpoint, "commits", "0"));
        StreamFiles.Arrive(input, "b.csv", "name,age\ncid,40\n");
        StreamingQueryTests.Run(session, input, output, checkpoint, "json");
        Assert.Equal(["ann", "bob", "cid"], OutputNames(output));
        Assert.True(File.Exists(Path.Combine(checkpoint, "commits", "0")));
        Assert.Equal(["part-000000.json", "part-000001.json"], Directory.GetFiles(output).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void ABatchLoggedBySinkButNotMovedIntoPlaceIsFinished()
    {
        using var session = StreamFiles.NewSession();
        var (input, output, checkpoint) = CommittedBatch(session);
        File.Delete(Path.Combine(checkpoint, "commits", "0"));
        var staging = Directory.CreateDirectory(Path.Combine(output, "_staging", "batch-0")).FullName;
        File.Move(Path.Combine(output, "part-000000.json"), Path.Combine(staging, "part-000000.json"));
        Assert.Empty(Directory.GetFiles(output));

        StreamingQueryTests.Run(session, input, output, checkpoint, "json");
        Assert.Equal(["ann", "bob"], OutputNames(output));
        Assert.False(Directory.Exists(staging));
    }

    [Fact]
    public void ABatchThatCrashedBeforeTheSinkLogIsRunAgainWithTheSameFiles()
    {
        using var session = StreamFiles.NewSession();
        var (input, output, checkpoint) = CommittedBatch(session);
        File.Delete(Path.Combine(checkpoint, "commits", "0"));
        File.Delete(Path.Combine(output, "_spark_metadata", "0"));
        var staging = Directory.CreateDirectory(Path.Combine(output, "_staging", "batch-0")).FullName;
        File.Move(Path.Combine(output, "part-000000.json"), Path.Combine(staging, "part-000000.json"));
        File.AppendAllText(Path.Combine(staging, "part-000000.json"), "{\"name\":\"half-written");
        StreamFiles.Arrive(input, "late.csv", "name,age\ndan,50\n");

        var query = StreamFiles.People(session, input).WriteStream().Format("json").Option("checkpointLocation", checkpoint)
            .Trigger(Trigger.Once).Start(output);
        Assert.True(query.AwaitTermination(TimeSpan.FromSeconds(30)));
        Assert.Equal([0L, 1L], query.RecentProgress.Select(p => p.BatchId));
        Assert.Equal(2, query.RecentProgress[0].NumInputRows);
        Assert.Equal(["ann", "bob", "dan"], OutputNames(output));
    }

    [Fact]
    public void AForeachBatchSinkGetsAReplayedBatchWithItsId()
    {
        using var session = StreamFiles.NewSession();
        var (input, checkpoint) = (TestPaths.NewTempDir(), TestPaths.NewTempDir());
        StreamFiles.Arrive(input, "a.csv", "name,age\nann,30\n");
        var query = StreamFiles.People(session, input).WriteStream().Option("checkpointLocation", checkpoint)
            .ForeachBatch((_, _) => throw new InvalidOperationException("sink down")).Trigger(Trigger.AvailableNow).Start();
        var e = Assert.Throws<StreamingQueryException>(() => query.AwaitTermination(TimeSpan.FromSeconds(30)));
        Assert.Contains("sink down", e.Message);

        StreamFiles.Arrive(input, "b.csv", "name,age\nbob,20\n");
        var seen = new List<(long, string)>();
        query = StreamFiles.People(session, input).WriteStream().Option("checkpointLocation", checkpoint)
            .ForeachBatch((df, id) => seen.AddRange(df.Collect().Select(r => (id, (string)r["name"]!)))).Trigger(Trigger.AvailableNow).Start();
        Assert.True(query.AwaitTermination(TimeSpan.FromSeconds(30)));
        Assert.Equal([(0L, "ann"), (1L, "bob")], seen);
    }
}
