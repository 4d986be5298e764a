using System.Collections.Concurrent;
using DeepLearningPipelines.Frames;
using static DeepLearningPipelines.Frames.Functions;

namespace DeepLearningPipelines.Tests.Frames.Oracle;

/// <summary>Coalesce, hash repartitioning and null-safe equality, checked against DuckDB.</summary>
public class OraclePartitioningTests(OracleFixture fx) : IClassFixture<OracleFixture>
{
    private DataFrame T1 => fx.Db.Frame(fx.Shuffle, "t1");

    [Fact]
    public void EqNullSafeIsTrueForTwoNullsAndNeverNull() =>
        fx.Db.AssertSame(
            T1.Select(Col("n"), Col("k").EqNullSafe(Col("k")), Col("g").EqNullSafe("a"), Col("k").EqNullSafe(Col("v")), Col("g").EqNullSafe(Lit(null))),
            "SELECT n, k IS NOT DISTINCT FROM k, g IS NOT DISTINCT FROM 'a', k IS NOT DISTINCT FROM v, g IS NOT DISTINCT FROM NULL FROM t1");

    [Fact]
    public void EqNullSafeJoinsNullKeys() =>
        fx.Db.AssertSame(
            T1.Alias("a").Join(fx.Db.Frame(fx.Shuffle, "t2").Alias("b"), Col("a.k").EqNullSafe(Col("b.k"))).Select("n", "w"),
            "SELECT a.n, b.w FROM t1 a JOIN t2 b ON a.k IS NOT DISTINCT FROM b.k");

    // Coalescing without a shuffle keeps the rows of each merged partition in order, so one partition is the input order.
    [Fact]
    public void CoalesceToOnePartitionKeepsTheInputOrder()
    {
        var one = T1.Coalesce(1);
        Assert.Equal(1, one.NumPartitions);
        fx.Db.AssertSame(one, "SELECT * FROM t1 ORDER BY n", ordered: true);
    }

    [Fact]
    public void CoalesceNeverAddsPartitions()
    {
        var df = fx.Db.Frame(fx.Shuffle, "t1", partitions: 5);
        Assert.Equal(2, df.Coalesce(2).NumPartitions);
        Assert.Equal(5, df.Coalesce(9).NumPartitions);
        fx.Db.AssertSame(df.Coalesce(2), "SELECT * FROM t1");
        Assert.Throws<DeepLearningPipelines.Core.ParamException>(() => df.Coalesce(0));
    }

    [Fact]
    public void RepartitionByColumnPutsEachKeyInOnePartition()
    {
        var df = T1.Repartition(4, Col("g"));
        Assert.Equal(4, df.NumPartitions);
        var partitionsOfKey = new ConcurrentDictionary<string, ConcurrentDictionary<int, byte>>();
        df.ForEachBatch((p, b) =>
        {
            foreach (var r in b.Rows()) partitionsOfKey.GetOrAdd(r.Values()[1] as string ?? "<null>", _ => new())[p] = 0;
        });
        Assert.Equal(5, partitionsOfKey.Count);
        Assert.All(partitionsOfKey.Values, ps => Assert.Single(ps));
        fx.Db.AssertSame(df, "SELECT * FROM t1");
        fx.Db.AssertSame(T1.Repartition(Col("k"), Col("g")), "SELECT * FROM t1");
    }
}
