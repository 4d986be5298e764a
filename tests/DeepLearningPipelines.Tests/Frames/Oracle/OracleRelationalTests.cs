using DeepLearningPipelines.Frames;
using static DeepLearningPipelines.Frames.Functions;

namespace DeepLearningPipelines.Tests.Frames.Oracle;

/// <summary>Filters, projections, aggregations, sorting, de-duplication and set operations, checked against DuckDB.</summary>
public class OracleRelationalTests(OracleFixture fx) : IClassFixture<OracleFixture>
{
    private DataFrame T1 => fx.Db.Frame(fx.Shuffle, "t1");
    private DataFrame Letters => fx.Letters(fx.Shuffle);
    private DataFrame S(string name) => fx.Db.Frame(fx.Shuffle, name);

    [Fact]
    public void LettersCsvLoadsTheSameInBothEngines() =>
        fx.Db.AssertSame(Letters, "SELECT * FROM letters");

    [Fact]
    public void LettersFilterWithAndOr() =>
        fx.Db.AssertSame(
            Letters.Filter((Col("lettr") > 10 & Col("x-box") <= 3) | Col("onpix").EqualTo(0)),
            "SELECT * FROM letters WHERE (lettr > 10 AND \"x-box\" <= 3) OR onpix = 0");

    [Fact]
    public void LettersProjectionArithmetic() =>
        fx.Db.AssertSame(
            Letters.Select(Col("lettr"), Col("width") * Col("high"), (Col("x-bar") - Col("y-bar")) / 2, Col("x2bar") % 5),
            "SELECT lettr, width * high, (\"x-bar\" - \"y-bar\") / 2, x2bar % 5 FROM letters");

    [Fact]
    public void LettersGroupByAggregates() =>
        fx.Db.AssertSame(
            Letters.GroupBy("lettr").Agg(Count("*"), Sum("onpix"), Avg("width"), Min("high"), Max("high"), Avg(Col("x-bar") * 1.5)),
            "SELECT lettr, count(*), sum(onpix), avg(width), min(high), max(high), avg(\"x-bar\" * 1.5) FROM letters GROUP BY lettr");

    [Fact]
    public void LettersGlobalAggregate() =>
        fx.Db.AssertSame(Letters.Agg(Count("*"), Sum("width"), Avg("high"), Min("lettr"), Max("lettr")),
            "SELECT count(*), sum(width), avg(high), min(lettr), max(lettr) FROM letters");

    [Fact]
    public void LettersDistinctPairs() =>
        fx.Db.AssertSame(Letters.Select("lettr", "width").Distinct(), "SELECT DISTINCT lettr, width FROM letters");

    [Fact]
    public void LettersOrderByMixedDirections() =>
        fx.Db.AssertSame(
            Letters.Select("lettr", "width", "onpix").OrderBy(Col("lettr").Desc(), Col("width").Asc(), Col("onpix").Desc()),
            "SELECT lettr, width, onpix FROM letters ORDER BY lettr DESC, width ASC, onpix DESC", ordered: true);

    [Fact]
    public void LettersDropDuplicatesKeepsOneRowPerKey() =>
        // Which row of a key survives is unspecified in both engines; the keys and their count must agree.
        fx.Db.AssertSame(Letters.DropDuplicates("lettr", "high").Select("lettr", "high"), "SELECT DISTINCT lettr, high FROM letters");

    [Fact]
    public void FilterOnNullsIsThreeValued() =>
        fx.Db.AssertSame(T1.Filter(Col("v") > 20 | Col("g").IsNull()), "SELECT * FROM t1 WHERE v > 20 OR g IS NULL");

    [Fact]
    public void NotOfNullComparisonDropsTheRow() =>
        fx.Db.AssertSame(T1.Filter(!(Col("k") < 10)), "SELECT * FROM t1 WHERE NOT (k < 10)");

    // Division by zero is null in Spark but NaN in DuckDB for doubles, so the SQL asks for Spark's answer with NULLIF.
    [Fact]
    public void ProjectionsPropagateNulls() =>
        fx.Db.AssertSame(T1.Select(Col("n"), Col("k") + Col("v"), Col("v") * 2, Col("k").Cast("double") / Col("k"), Col("g").IsNotNull()),
            "SELECT n, k + v, v * 2, CAST(k AS DOUBLE) / NULLIF(k, 0), g IS NOT NULL FROM t1");

    [Fact]
    public void GroupByNullableKeyMakesANullGroup() =>
        fx.Db.AssertSame(
            T1.GroupBy("g").Agg(Count("*"), Count("v"), Sum("v"), Avg("v"), Min("v"), Max("k"), Sum("k")),
            "SELECT g, count(*), count(v), sum(v), avg(v), min(v), max(k), sum(k) FROM t1 GROUP BY g");

    [Fact]
    public void GroupByTwoKeys() =>
        fx.Db.AssertSame(T1.GroupBy("g", "k").Agg(Count("*"), Max("n")), "SELECT g, k, count(*), max(n) FROM t1 GROUP BY g, k");

    [Fact]
    public void AggregatesOfAnAllNullGroupAreNullExceptCount() =>
        fx.Db.AssertSame(T1.Filter(Col("v").IsNull()).GroupBy("g").Agg(Count("v"), Sum("v"), Avg("v"), Min("v")),
            "SELECT g, count(v), sum(v), avg(v), min(v) FROM t1 WHERE v IS NULL GROUP BY g");

    [Fact]
    public void MinAndMaxOfStrings() =>
        fx.Db.AssertSame(T1.GroupBy("k").Agg(Min("g"), Max("g")), "SELECT k, min(g), max(g) FROM t1 GROUP BY k");

    // Spark's defaults differ from DuckDB's: ascending puts nulls first, descending puts them last. The SQL states
    // the placement explicitly so that both engines are asked the same question.
    [Fact]
    public void AscendingPutsNullsFirstAsSparkDoes() =>
        fx.Db.AssertSame(T1.Select("v", "n").OrderBy(Col("v").Asc(), Col("n").Asc()), "SELECT v, n FROM t1 ORDER BY v ASC NULLS FIRST, n", ordered: true);

    [Fact]
    public void OrderByNameSortsAscendingNullsFirst() =>
        fx.Db.AssertSame(T1.Select("k", "n").OrderBy("k", "n"), "SELECT k, n FROM t1 ORDER BY k ASC NULLS FIRST, n", ordered: true);

    [Fact]
    public void DescendingPutsNullsLastAsSparkDoes() =>
        fx.Db.AssertSame(T1.Select("v", "n").OrderBy(Col("v").Desc(), Col("n").Asc()), "SELECT v, n FROM t1 ORDER BY v DESC NULLS LAST, n", ordered: true);

    [Fact]
    public void AscendingNullsLast() =>
        fx.Db.AssertSame(T1.Select("g", "n").OrderBy(Col("g").AscNullsLast(), Col("n").Desc()), "SELECT g, n FROM t1 ORDER BY g ASC NULLS LAST, n DESC", ordered: true);

    [Fact]
    public void DescendingNullsFirst() =>
        fx.Db.AssertSame(T1.Select("k", "g", "n").OrderBy(Col("k").DescNullsFirst(), Col("g").AscNullsFirst(), Col("n").DescNullsLast()),
            "SELECT k, g, n FROM t1 ORDER BY k DESC NULLS FIRST, g ASC NULLS FIRST, n DESC NULLS LAST", ordered: true);

    [Fact]
    public void DistinctTreatsNullsAsEqual() =>
        fx.Db.AssertSame(S("s1").Distinct(), "SELECT DISTINCT * FROM s1");

    [Fact]
    public void UnionKeepsDuplicates() =>
        fx.Db.AssertSame(S("s1").Union(S("s2")), "SELECT * FROM s1 UNION ALL SELECT * FROM s2");

    [Fact]
    public void UnionWidensIntegerToLong() =>
        fx.Db.AssertSame(S("s1").UnionAll(S("s3")), "SELECT a, b FROM s1 UNION ALL SELECT a, b FROM s3");

    [Fact]
    public void UnionThenDistinctIsSqlUnion() =>
        fx.Db.AssertSame(S("s1").Union(S("s2")).Distinct(), "SELECT * FROM s1 UNION SELECT * FROM s2");

    [Fact]
    public void UnionByNameWithMissingColumns() =>
        fx.Db.AssertSame(
            S("s1").Select("b", "a").UnionByName(T1.Select("k", "g").WithColumnRenamed("k", "a"), allowMissingColumns: true),
            "SELECT b, a, NULL AS g FROM s1 UNION ALL SELECT NULL, k, g FROM t1");

    [Fact]
    public void IntersectIsDistinct() =>
        fx.Db.AssertSame(S("s1").Intersect(S("s2")), "SELECT * FROM s1 INTERSECT SELECT * FROM s2");

    [Fact]
    public void ExceptIsDistinct() =>
        fx.Db.AssertSame(S("s1").Except(S("s2")), "SELECT * FROM s1 EXCEPT SELECT * FROM s2");

    [Fact]
    public void IntersectAllKeepsTheLesserCount() =>
        fx.Db.AssertSame(S("s1").IntersectAll(S("s2")), "SELECT * FROM s1 INTERSECT ALL SELECT * FROM s2");

    [Fact]
    public void ExceptAllSubtractsCounts() =>
        fx.Db.AssertSame(S("s1").ExceptAll(S("s2")), "SELECT * FROM s1 EXCEPT ALL SELECT * FROM s2");

    [Fact]
    public void ExceptWithWidenedTypes() =>
        fx.Db.AssertSame(S("s3").Except(S("s1")), "SELECT * FROM s3 EXCEPT SELECT * FROM s1");

    // Spark and DuckDB both order NaN above every number and treat NaN as equal to NaN.
    [Fact]
    public void NaNSortsAboveEveryNumber() =>
        fx.Db.AssertSame(S("f").Select("d").OrderBy(Col("d").Asc()), "SELECT d FROM f ORDER BY d ASC NULLS FIRST", ordered: true);

    [Fact]
    public void NaNSortsFirstDescending() =>
        fx.Db.AssertSame(S("f").Select("d").OrderBy(Col("d").Desc()), "SELECT d FROM f ORDER BY d DESC NULLS LAST", ordered: true);

    [Fact]
    public void NaNIsTheMaximumAndGreaterThanNumbers() =>
        fx.Db.AssertSame(S("f").GroupBy("g").Agg(Min("d"), Max("d"), Count("d")), "SELECT g, min(d), max(d), count(d) FROM f GROUP BY g");

    [Fact]
    public void NaNComparesGreaterInFilters() =>
        fx.Db.AssertSame(S("f").Filter(Col("d") > 1e299), "SELECT * FROM f WHERE d > 1e299");

    [Fact]
    public void NaNKeysGroupAndJoinTogether()
    {
        fx.Db.AssertSame(S("f").Select("d").Distinct(), "SELECT DISTINCT d FROM f");
        var f = S("f");
        fx.Db.AssertSame(f.Select("d").Distinct().Join(f, "d"), "SELECT d, g FROM (SELECT DISTINCT d FROM f) JOIN f USING (d)");
    }
}
