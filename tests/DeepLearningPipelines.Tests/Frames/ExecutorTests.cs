using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Frames.Plans;
using static DeepLearningPipelines.Frames.Functions;

namespace DeepLearningPipelines.Tests.Frames;

/// <summary>The session's executor and plan cache: plans keep no results, exchanges redistribute rows, caches belong to a session.</summary>
public class ExecutorTests
{
    private static readonly StructType Schema = new(new StructField("k", DataTypes.Integer), new StructField("v", DataTypes.Long));

    /// <summary>A frame of <paramref name="rows"/> rows whose source counts how many rows it produced.</summary>
    private static (DataFrame Frame, Func<int> Produced) Counted(DlpSession session, int rows, int partitions = 3)
    {
        int produced = 0;
        var source = session.CreateDataFrame(Enumerable.Range(0, rows).Select(i => new object?[] { i % 5, (long)i }), Schema, partitions);
        var frame = source.MapBatches(b => { Interlocked.Add(ref produced, b.RowCount); return b; }, Schema, "counted");
        return (frame, () => Volatile.Read(ref produced));
    }

    private static DlpSession NewSession() => DlpSession.Builder().Master("local[2]").BatchSize(4).NewSession();

    [Fact]
    public void CacheComputesOnceAndUnpersistRecomputes()
    {
        using var session = NewSession();
        var (frame, produced) = Counted(session, 20);
        var cached = frame.Cache();
        Assert.Equal(20, cached.Count());
        Assert.Equal(20, cached.Collect().Length);
        Assert.Equal(20, produced());
        cached.Unpersist();
        Assert.Equal(20, cached.Count());
        Assert.Equal(40, produced());
    }

    [Fact]
    public void SessionsDoNotShareCachesAndDisposeFreesThem()
    {
        var one = NewSession();
        var (frame, produced) = Counted(one, 10);
        var cached = frame.Cache();
        cached.Count();
        using var two = NewSession();
        Assert.Equal(10, new DataFrame(two, cached.Plan).Count());
        Assert.Equal(20, produced());
        one.Dispose();
        Assert.Throws<ObjectDisposedException>(() => cached.Count());
    }

    [Fact]
    public void ExchangesKeepNothingBetweenActions()
    {
        using var session = NewSession();
        var (frame, produced) = Counted(session, 12);
        var spread = frame.Repartition(4);
        Assert.Equal(12, spread.Count());
        Assert.Equal(12, spread.Count());
        Assert.Equal(24, produced());
    }

    [Fact]
    public void RepartitionDealsRowsEvenly()
    {
        using var session = NewSession();
        var sizes = new int[4];
        session.CreateDataFrame(Enumerable.Range(0, 40).Select(i => new object?[] { i, (long)i }), Schema, 1)
            .Repartition(4).ForEachBatch((p, b) => Interlocked.Add(ref sizes[p], b.RowCount));
        Assert.Equal([10, 10, 10, 10], sizes);
    }

    [Fact]
    public void GroupByPutsEachKeyInOnePartitionAndAggregatesAcrossInputPartitions()
    {
        using var session = NewSession();
        var (frame, _) = Counted(session, 100, partitions: 4);
        var grouped = frame.GroupBy("k").Agg(Sum("v").Alias("s"), Count("*").Alias("n"));
        var keysPerPartition = new List<int>[grouped.NumPartitions];
        grouped.ForEachBatch((p, b) => { lock (keysPerPartition) (keysPerPartition[p] ??= []).AddRange(b.Rows().Select(r => r.Get<int>("k"))); });
        var all = keysPerPartition.Where(k => k is not null).SelectMany(k => k).ToList();
        Assert.Equal([0, 1, 2, 3, 4], all.Order());
        var rows = grouped.Collect().ToDictionary(r => r.Get<int>("k"));
        for (int k = 0; k < 5; k++)
        {
            Assert.Equal(20L, rows[k].Get<long>("n"));
            Assert.Equal(Enumerable.Range(0, 100).Where(i => i % 5 == k).Sum(i => (long)i), rows[k].Get<long>("s"));
        }
    }

    [Fact]
    public void OrderByIsGlobalAndStableAcrossPartitions()
    {
        using var session = NewSession();
        var (frame, _) = Counted(session, 50, partitions: 4);
        var sorted = frame.OrderBy(Col("k").Desc()).Collect();
        var expected = Enumerable.Range(0, 50).OrderByDescending(i => i % 5).Select(i => (long)i);
        Assert.Equal(expected, sorted.Select(r => r.Get<long>("v")));
    }

    [Fact]
    public void ExplainShowsExchanges()
    {
        using var session = NewSession();
        var (frame, _) = Counted(session, 10);
        Assert.Contains("Exchange RoundRobinPartitioning(2)", frame.Repartition(2).Explain());
        Assert.Contains("Exchange hashpartitioning(_key0, 3)", frame.GroupBy("k").Count().Explain());
        Assert.Contains("Exchange SinglePartition", frame.Agg(Count("*")).Explain());
        var sort = frame.OrderBy("v").Explain();
        Assert.True(sort.IndexOf("Sort [v ASC NULLS FIRST]", StringComparison.Ordinal) < sort.IndexOf("Exchange rangepartitioning(v ASC NULLS FIRST, 3)", StringComparison.Ordinal), sort);
    }

    [Fact]
    public void HashPartitioningLinesUpEqualKeysOfDifferentWidths()
    {
        using var session = NewSession();
        var ints = session.CreateDataFrame(Enumerable.Range(0, 30).Select(i => new object?[] { i, 0L }), Schema, 2);
        var longs = session.CreateDataFrame(Enumerable.Range(0, 30).Select(i => new object?[] { 0, (long)i }), Schema, 3);
        var left = ExchangePlan.Hash(ints.Plan, [Col("k").Expr], 4);
        var right = ExchangePlan.Hash(longs.Plan, [Col("v").Expr], 4);
        var owner = new Dictionary<long, int>();
        new DataFrame(session, left).ForEachBatch((p, b) => { lock (owner) foreach (var r in b.Rows()) owner[r.Get<int>("k")] = p; });
        new DataFrame(session, right).ForEachBatch((p, b) => { lock (owner) foreach (var r in b.Rows()) Assert.Equal(owner[r.Get<long>("v")], p); });
        Assert.Equal(30, owner.Count);
        Assert.True(owner.Values.Distinct().Count() > 1);
    }
}
