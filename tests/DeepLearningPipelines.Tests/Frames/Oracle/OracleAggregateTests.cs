using System.Collections;
using System.Globalization;
using DeepLearningPipelines.Frames;
using static DeepLearningPipelines.Frames.Functions;

namespace DeepLearningPipelines.Tests.Frames.Oracle;

/// <summary>The statistical, distinct, collecting and positional aggregates, checked against DuckDB.</summary>
public class OracleAggregateTests(OracleFixture fx) : IClassFixture<OracleFixture>
{
    private DataFrame T1 => fx.Db.Frame(fx.Shuffle, "t1");
    private DataFrame Letters => fx.Letters(fx.Shuffle);

    [Fact]
    public void VarianceFamilyPerGroupWithNulls() =>
        fx.Db.AssertSame(
            T1.GroupBy("g").Agg(StddevSamp("v"), Stddev("v"), StddevPop("v"), VarSamp("v"), Variance("k"), VarPop("k")),
            "SELECT g, stddev_samp(v), stddev_samp(v), stddev_pop(v), var_samp(v), var_samp(k), var_pop(k) FROM t1 GROUP BY g");

    [Fact]
    public void VarianceMergesPartialsAcrossManyPartitions() =>
        fx.Db.AssertSame(
            Letters.Repartition(7).GroupBy("lettr").Agg(StddevSamp("width"), VarPop(Col("x-bar") * 1.5)),
            "SELECT lettr, stddev_samp(width), var_pop(\"x-bar\" * 1.5) FROM letters GROUP BY lettr");

    // Spark 3.1+ returns null, not NaN, for the sample statistics of a single value; the population ones are 0.
    [Fact]
    public void SampleStatisticsOfOneValueAreNull() =>
        fx.Db.AssertSame(
            T1.GroupBy("n").Agg(StddevSamp("v"), VarSamp("v"), StddevPop("v"), VarPop("v")),
            "SELECT n, stddev_samp(v), var_samp(v), stddev_pop(v), var_pop(v) FROM t1 GROUP BY n");

    [Fact]
    public void StatisticsOfNoValuesAreNull() =>
        fx.Db.AssertSame(
            T1.Filter(Col("v").IsNull()).Agg(StddevSamp("v"), VarPop("v"), CountDistinct("v")),
            "SELECT stddev_samp(v), var_pop(v), count(DISTINCT v) FROM t1 WHERE v IS NULL");

    [Fact]
    public void CountDistinctIgnoresNulls() =>
        fx.Db.AssertSame(
            T1.GroupBy("g").Agg(CountDistinct("k"), CountDistinct(Col("v") > 0), Count("k")),
            "SELECT g, count(DISTINCT k), count(DISTINCT v > 0), count(k) FROM t1 GROUP BY g");

    [Fact]
    public void CountDistinctOfSeveralColumnsSkipsRowsWithANull()
    {
        var df = T1.GroupBy(Col("k") % 4).Agg(CountDistinct("g", "k"), CountDistinct(Col("g"), Col("v") > 0, Col("k") % 2));
        Assert.Equal("count(DISTINCT g, k)", df.Columns[1]);
        fx.Db.AssertSame(df,
            "SELECT k % 4, count(DISTINCT (g, k)) FILTER (WHERE g IS NOT NULL AND k IS NOT NULL), " +
            "count(DISTINCT (g, v > 0, k % 2)) FILTER (WHERE g IS NOT NULL AND v IS NOT NULL AND k IS NOT NULL) FROM t1 GROUP BY k % 4");
    }

    [Fact]
    public void SumDistinctAddsEachValueOnce() =>
        fx.Db.AssertSame(
            T1.GroupBy("g").Agg(SumDistinct("k"), SumDistinct("v"), SumDistinct(Col("k") % 3)),
            "SELECT g, sum(DISTINCT k), sum(DISTINCT v), sum(DISTINCT k % 3) FROM t1 GROUP BY g");

    [Fact]
    public void SumDistinctOfNoValuesIsNull() =>
        fx.Db.AssertSame(T1.Filter(Col("k").IsNull()).Agg(SumDistinct("k")), "SELECT sum(DISTINCT k) FROM t1 WHERE k IS NULL");

    [Fact]
    public void GlobalCountDistinctOfStrings() =>
        fx.Db.AssertSame(T1.Agg(CountDistinct("g"), CountDistinct("k")), "SELECT count(DISTINCT g), count(DISTINCT k) FROM t1");

    // First and last depend on row order; one partition keeps the input order, which DuckDB is told with ORDER BY n.
    [Fact]
    public void FirstAndLastOnOnePartition() =>
        fx.Db.AssertSame(
            fx.Db.Frame(fx.Shuffle, "t1", partitions: 1).GroupBy("g").Agg(First("v"), Last("v"), First("k", ignoreNulls: true), Last("k", ignoreNulls: true)),
            "SELECT g, first(v ORDER BY n), last(v ORDER BY n), first(k ORDER BY n) FILTER (WHERE k IS NOT NULL), " +
            "last(k ORDER BY n) FILTER (WHERE k IS NOT NULL) FROM t1 GROUP BY g");

    [Fact]
    public void FirstIgnoringNullsOfAConstantPerGroupColumnOnManyPartitions() =>
        fx.Db.AssertSame(
            T1.GroupBy("k").Agg(First(Col("k") * 2, ignoreNulls: true), Last(Col("k") + 1, ignoreNulls: true)),
            "SELECT k, k * 2, k + 1 FROM t1 GROUP BY k");

    [Fact]
    public void CollectListKeepsTheInputOrderOnOnePartition()
    {
        var got = fx.Db.Frame(fx.Shuffle, "t1", partitions: 1).GroupBy("g").Agg(CollectList("v")).Collect()
            .ToDictionary(r => r.Values()[0] as string ?? "<null>", r => Items(r.Values()[1]));
        var expected = fx.Db.Query("SELECT g, list(v ORDER BY n) FILTER (WHERE v IS NOT NULL) FROM t1 GROUP BY g")
            .ToDictionary(r => r[0] as string ?? "<null>", r => Items(r[1]));
        Assert.Equal(expected, got);
    }

    [Fact]
    public void CollectSetHoldsEachDistinctValueOnce()
    {
        var got = T1.GroupBy("g").Agg(CollectSet("k")).Collect()
            .ToDictionary(r => r.Values()[0] as string ?? "<null>", r => Sorted(r.Values()[1]));
        var expected = fx.Db.Query("SELECT g, list(DISTINCT k) FILTER (WHERE k IS NOT NULL) FROM t1 GROUP BY g")
            .ToDictionary(r => r[0] as string ?? "<null>", r => Sorted(r[1]));
        Assert.Equal(expected, got);
    }

    [Fact]
    public void CollectOfNoValuesIsAnEmptyArray()
    {
        var row = T1.Filter(Col("v").IsNull()).Agg(CollectList("v"), CollectSet("v")).Collect().Single().Values();
        Assert.Empty((IEnumerable<object?>)((IEnumerable)row[0]!).Cast<object?>());
        Assert.Empty((IEnumerable<object?>)((IEnumerable)row[1]!).Cast<object?>());
    }

    [Fact]
    public void AggOverExpressionsOfAggregates() =>
        fx.Db.AssertSame(
            T1.GroupBy("g").Agg(Round(Avg("v"), 2).Alias("m"), (Max("k") - Min("k")).Alias("r"), Count("*"), Sum("v") / Count("v"), Max("k") - Min("k")),
            "SELECT g, round(avg(v), 2), max(k) - min(k), count(*), sum(v) / count(v), max(k) - min(k) FROM t1 GROUP BY g");

    [Fact]
    public void AggExpressionsMayUseTheKeys() =>
        fx.Db.AssertSame(
            T1.GroupBy("k").Agg(Col("k") * 1000 + Count("*"), StddevPop("v") * 2),
            "SELECT k, k * 1000 + count(*), stddev_pop(v) * 2 FROM t1 GROUP BY k");

    [Fact]
    public void GlobalAggOverExpressionsNamesColumnsAfterThem()
    {
        var df = T1.Agg((Max("v") - Min("v")).Alias("range"), Sum("k") + 1);
        Assert.Equal(["range", "(sum(k) + 1)"], df.Columns);
        fx.Db.AssertSame(df, "SELECT max(v) - min(v), sum(k) + 1 FROM t1");
    }

    [Fact]
    public void AggRejectsAnExpressionWithoutAggregates()
    {
        var e = Assert.Throws<DeepLearningPipelines.Core.SchemaException>(() => T1.GroupBy("g").Agg(Max("v"), Col("v") + 1));
        Assert.Contains("(v + 1)", e.Message);
    }

    private static string Items(object? list) =>
        string.Join(",", ((IEnumerable)list!).Cast<object?>().Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)));

    private static string Sorted(object? list) =>
        string.Join(",", ((IEnumerable)list!).Cast<object?>().Select(v => Convert.ToInt64(v, CultureInfo.InvariantCulture)).Order());
}
