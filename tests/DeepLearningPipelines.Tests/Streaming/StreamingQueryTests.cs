using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Streaming;
using DeepLearningPipelines.Tests.Support;
using static DeepLearningPipelines.Frames.Functions;

namespace DeepLearningPipelines.Tests.Streaming;

/// <summary>Streaming DataFrames over a folder, run into the memory, foreach-batch and file sinks with each trigger.</summary>
public class StreamingQueryTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public void NewFilesAreProcessedOnceEachThroughTheSameTransformations()
    {
        using var session = StreamFiles.NewSession();
        var input = TestPaths.NewTempDir();
        StreamFiles.Arrive(input, "a.csv", "name,age\nann,30\nbob,17\n");
        var adults = StreamFiles.People(session, input).Filter(Col("age") >= 18).WithColumn("next", Col("age") + 1);
        Assert.True(adults.IsStreaming);
        var query = adults.WriteStream().Format("memory").QueryName("adults").Trigger(Trigger.ProcessingTime("20ms")).Start();
        try
        {
            query.ProcessAllAvailable();
            StreamFiles.Arrive(input, "b.csv", "name,age\ncid,40\n");
            File.WriteAllText(Path.Combine(input, "c.csv.tmp"), "name,age\nhalf,50\n");
            File.WriteAllText(Path.Combine(input, ".d.csv"), "name,age\nhidden,60\n");
            query.ProcessAllAvailable();
            var rows = session.Table("adults").Collect().Select(r => $"{r["name"]}:{r["next"]}").Order().ToArray();
            Assert.Equal(["ann:31", "cid:41"], rows);
            Assert.Equal([0L, 1L], query.RecentProgress.Select(p => p.BatchId));
            Assert.Equal([2L, 1L], query.RecentProgress.Select(p => p.NumInputRows));
            Assert.True(query.IsActive);
        }
        finally { query.Stop(); }
        Assert.False(query.IsActive);
        Assert.Null(query.Exception);
    }

    [Fact]
    public void AvailableNowSplitsWhatIsThereByMaxFilesPerTriggerAndStops()
    {
        using var session = StreamFiles.NewSession();
        var input = TestPaths.NewTempDir();
        for (int i = 0; i < 5; i++) StreamFiles.Arrive(input, $"f{i}.csv", $"name,age\np{i},{i}\n");
        var batches = new List<(long Id, long Rows)>();
        var query = StreamFiles.People(session, input, maxFilesPerTrigger: 2).WriteStream()
            .ForeachBatch((df, id) => batches.Add((id, df.Count()))).Trigger(Trigger.AvailableNow).Start();
        Assert.True(query.AwaitTermination(Patience));
        Assert.Equal([(0L, 2L), (1L, 2L), (2L, 1L)], batches);
        Assert.Equal("Stopped", query.Status.Message);
    }

    [Fact]
    public void ABatchCachedInForeachBatchIsNotServedToTheNextBatch()
    {
        using var session = StreamFiles.NewSession();
        var input = TestPaths.NewTempDir();
        for (int i = 0; i < 2; i++) StreamFiles.Arrive(input, $"f{i}.csv", $"name,age\np{i},{i}\n");
        var names = new List<string>();
        var query = StreamFiles.People(session, input, maxFilesPerTrigger: 1).WriteStream()
            .ForeachBatch((df, _) =>
            {
                var cached = df.Cache();
                cached.Count();
                names.AddRange(cached.Collect().Select(r => (string)r["name"]!));
            }).Trigger(Trigger.AvailableNow).Start();
        Assert.True(query.AwaitTermination(Patience));
        Assert.Equal(["p0", "p1"], names);
    }

    [Fact]
    public void OnceTakesEveryAvailableFileInOneBatch()
    {
        using var session = StreamFiles.NewSession();
        var input = TestPaths.NewTempDir();
        for (int i = 0; i < 3; i++) StreamFiles.Arrive(input, $"f{i}.csv", $"name,age\np{i},{i}\n");
        var query = StreamFiles.People(session, input, maxFilesPerTrigger: 1).WriteStream().Format("memory").QueryName("once").Trigger(Trigger.Once).Start();
        Assert.True(query.AwaitTermination(Patience));
        var progress = Assert.Single(query.RecentProgress);
        Assert.Equal(3, progress.NumInputRows);
        Assert.Equal(3, progress.Sources[0].NumFiles);
        Assert.Contains("\"numInputRows\":3", progress.Json);
    }

    [Fact]
    public void BatchActionsOnAStreamingDataFrameAreRefusedOutsideAQuery()
    {
        using var session = StreamFiles.NewSession();
        var input = TestPaths.NewTempDir();
        StreamFiles.Arrive(input, "a.csv", "name,age\nann,30\n");
        var e = Assert.ThrowsAny<DlpException>(() => StreamFiles.People(session, input).Count());
        Assert.Contains("must be executed with WriteStream().Start()", e.Message);
        Assert.Contains(input, e.Message);
    }

    public static TheoryData<string, string> StatefulOperations => new()
    {
        { "aggregate", "streaming aggregations" },
        { "distinct", "Distinct/DropDuplicates" },
        { "sort", "Sorting is not supported" },
        { "limit", "Limit is not supported" },
        { "join", "Joins between two streaming DataFrames" },
        { "cache", "Cache()/Persist()" },
    };

    [Theory]
    [MemberData(nameof(StatefulOperations))]
    public void OperationsThatNeedStateAreRefusedWhenTheQueryStarts(string operation, string message)
    {
        using var session = StreamFiles.NewSession();
        var input = TestPaths.NewTempDir();
        var people = StreamFiles.People(session, input);
        var frame = operation switch
        {
            "aggregate" => people.GroupBy("name").Agg(Count(Col("age")).Alias("n")),
            "distinct" => people.Distinct(),
            "sort" => people.OrderBy("age"),
            "limit" => people.Limit(3),
            "join" => people.Join(StreamFiles.People(session, input).WithColumnRenamed("age", "age2"), "name"),
            _ => people.Cache(),
        };
        var e = Assert.ThrowsAny<DlpException>(() => frame.WriteStream().Format("memory").QueryName("q" + operation).Start());
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void AStreamJoinsAStaticDataFrame()
    {
        using var session = StreamFiles.NewSession();
        var input = TestPaths.NewTempDir();
        StreamFiles.Arrive(input, "a.csv", "name,age\nann,30\nbob,17\n");
        var cities = session.CreateDataFrame([new object?[] { "ann", "Oslo" }, new object?[] { "bob", "Rome" }],
            new StructType(new StructField("name", DataTypes.String), new StructField("city", DataTypes.String)));
        var query = StreamFiles.People(session, input).Join(cities, "name").WriteStream().Format("memory").QueryName("joined").Trigger(Trigger.AvailableNow).Start();
        Assert.True(query.AwaitTermination(Patience));
        Assert.Equal(["ann:Oslo", "bob:Rome"], session.Table("joined").Collect().Select(r => $"{r["name"]}:{r["city"]}").Order());
    }

    [Fact]
    public void ACsvFileThatDoesNotFitTheSchemaFailsTheBatchNamingTheFile()
    {
        using var session = StreamFiles.NewSession();
        var input = TestPaths.NewTempDir();
        var bad = StreamFiles.Arrive(input, "bad.csv", "name,age\nann,thirty\n");
        var query = StreamFiles.People(session, input).WriteStream().Format("memory").QueryName("bad").Trigger(Trigger.AvailableNow).Start();
        var e = Assert.Throws<StreamingQueryException>(() => query.AwaitTermination(Patience));
        Assert.Contains($"Malformed CSV record in {bad}, line 2", e.Message);
        Assert.Contains("Micro-batch 0 failed", e.Message);
        Assert.Same(e, query.Exception);
        Assert.False(query.IsActive);
    }

    [Fact]
    public void AJsonLineThatDoesNotFitTheSchemaFailsTheBatchNamingFileLineAndField()
    {
        using var session = StreamFiles.NewSession();
        var input = TestPaths.NewTempDir();
        StreamFiles.Arrive(input, "good.json", "{\"name\":\"ann\",\"age\":30}\n");
        var bad = StreamFiles.Arrive(input, "bad.json", "{\"name\":\"bob\",\"age\":17}\n\n{\"name\":\"cid\",\"age\":\"old\"}\n");
        var query = session.ReadStream().Format("json").Schema(StreamFiles.PeopleSchema).Load(input)
            .WriteStream().Format("memory").QueryName("json").Trigger(Trigger.AvailableNow).Start();
        var e = Assert.Throws<StreamingQueryException>(() => query.AwaitTermination(Patience));
        Assert.Contains($"JSON file {bad}, line 3: field 'age' is \"old\", which does not fit the schema's int", e.Message);
    }

    [Fact]
    public void JsonLinesAreReadByFieldName()
    {
        using var session = StreamFiles.NewSession();
        var input = TestPaths.NewTempDir();
        StreamFiles.Arrive(input, "a.json", "{\"age\":30,\"name\":\"ann\",\"extra\":1}\n{\"name\":\"bob\"}\n");
        var query = session.ReadStream().Format("json").Schema(StreamFiles.PeopleSchema).Load(input)
            .WriteStream().Format("memory").QueryName("jsonok").Trigger(Trigger.AvailableNow).Start();
        Assert.True(query.AwaitTermination(Patience));
        Assert.Equal(["ann:30", "bob:"], session.Table("jsonok").Collect().Select(r => $"{r["name"]}:{r["age"]}"));
    }

    [Fact]
    public void TheFileSinkWritesOneFilePerBatchThatBatchReadersSee()
    {
        using var session = StreamFiles.NewSession();
        var (input, output, checkpoint) = (TestPaths.NewTempDir(), TestPaths.NewTempDir(), TestPaths.NewTempDir());
        StreamFiles.Arrive(input, "a.csv", "name,age\nann,30\nbob,17\n");
        Run(session, input, output, checkpoint, "csv");
        StreamFiles.Arrive(input, "b.csv", "name,age\ncid,40\n");
        Run(session, input, output, checkpoint, "csv");
        Assert.Equal(["part-000000.csv", "part-000001.csv"], Directory.GetFiles(output).Select(Path.GetFileName).Order());
        var read = session.Read().Schema("name STRING, age INT").Csv(output).Collect().Select(r => $"{r["name"]}:{r["age"]}").Order();
        Assert.Equal(["ann:30", "bob:17", "cid:40"], read);
        Assert.True(File.Exists(Path.Combine(output, "_spark_metadata", "1")));
        Assert.True(File.Exists(Path.Combine(checkpoint, "commits", "1")));

        var parquetOut = TestPaths.NewTempDir();
        Run(session, input, parquetOut, TestPaths.NewTempDir(), "parquet");
        Assert.Equal(3, session.Read().Parquet(parquetOut).Count());
    }

    [Fact]
    public void AFileSinkNeedsACheckpoint()
    {
        using var session = StreamFiles.NewSession();
        var e = Assert.Throws<ParamException>(() => StreamFiles.People(session, TestPaths.NewTempDir()).WriteStream().Format("json").Start(TestPaths.NewTempDir()));
        Assert.Contains("checkpointLocation", e.Message);
    }

    [Fact]
    public void TwoRunningQueriesCannotShareACheckpoint()
    {
        using var session = StreamFiles.NewSession();
        var (input, checkpoint) = (TestPaths.NewTempDir(), TestPaths.NewTempDir());
        var first = StreamFiles.People(session, input).WriteStream().Format("json").Option("checkpointLocation", checkpoint).Start(TestPaths.NewTempDir());
        try
        {
            var e = Assert.ThrowsAny<DlpException>(() => StreamFiles.People(session, input).WriteStream().Format("json").Option("checkpointLocation", checkpoint).Start(TestPaths.NewTempDir()));
            Assert.Contains("in use by another running query", e.Message);
        }
        finally { first.Stop(); }
    }

    internal static void Run(DlpSession session, string input, string output, string checkpoint, string format)
    {
        var query = StreamFiles.People(session, input).WriteStream().Format(format).Option("checkpointLocation", checkpoint)
            .Trigger(Trigger.AvailableNow).Start(output);
        Assert.True(query.AwaitTermination(Patience));
    }
}
