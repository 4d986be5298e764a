using DeepLearningPipelines.Frames;
using static DeepLearningPipelines.Frames.Functions;

namespace DeepLearningPipelines.Tests.Frames.Oracle;

/// <summary>
/// Every join type, shuffled and broadcast, against DuckDB on tables with null and repeated keys (t1.k is int,
/// t2.k long, so keys are compared as long). Spark's layout of a join on column names (the key once, then the other
/// left and right columns; the coalesced key for a full join) is spelled out in the SQL.
/// </summary>
public class OracleJoinTests(OracleFixture fx) : IClassFixture<OracleFixture>
{
    public static TheoryData<string, bool> TypesAndStrategies()
    {
        var data = new TheoryData<string, bool>();
        foreach (var how in new[] { "inner", "left", "left_outer", "right", "full", "outer", "left_semi", "semi", "left_anti", "anti" })
        {
            data.Add(how, false);
            data.Add(how, true);
        }
        return data;
    }

    private DlpSession SessionFor(bool broadcast) => broadcast ? fx.Broadcast : fx.Shuffle;

    private static string UsingSql(string how) => how switch
    {
        "inner" => "SELECT l.k, l.g, l.v, l.n, r.w, r.x FROM t1 l JOIN t2 r ON l.k = r.k",
        "left" or "left_outer" => "SELECT l.k, l.g, l.v, l.n, r.w, r.x FROM t1 l LEFT JOIN t2 r ON l.k = r.k",
        "right" => "SELECT r.k, l.g, l.v, l.n, r.w, r.x FROM t1 l RIGHT JOIN t2 r ON l.k = r.k",
        "full" or "outer" => "SELECT COALESCE(l.k, r.k), l.g, l.v, l.n, r.w, r.x FROM t1 l FULL JOIN t2 r ON l.k = r.k",
        "left_semi" or "semi" => "SELECT l.k, l.g, l.v, l.n FROM t1 l WHERE EXISTS (SELECT 1 FROM t2 r WHERE r.k = l.k)",
        _ => "SELECT l.k, l.g, l.v, l.n FROM t1 l WHERE NOT EXISTS (SELECT 1 FROM t2 r WHERE r.k = l.k)",
    };

    [Theory]
    [MemberData(nameof(TypesAndStrategies))]
    public void JoinOnColumnName(string how, bool broadcast)
    {
        var s = SessionFor(broadcast);
        fx.Db.AssertSame(fx.Db.Frame(s, "t1").Join(fx.Db.Frame(s, "t2", partitions: 2), "k", how), UsingSql(how));
    }

    private static string ConditionSql(string how) => how switch
    {
        "inner" => "SELECT l.*, r.* FROM t1 l JOIN t2 r ON l.k = r.k AND l.v > r.x",
        "left" => "SELECT l.*, r.* FROM t1 l LEFT JOIN t2 r ON l.k = r.k AND l.v > r.x",
        "right" => "SELECT l.*, r.* FROM t1 l RIGHT JOIN t2 r ON l.k = r.k AND l.v > r.x",
        "full" => "SELECT l.*, r.* FROM t1 l FULL JOIN t2 r ON l.k = r.k AND l.v > r.x",
        "semi" => "SELECT l.* FROM t1 l WHERE EXISTS (SELECT 1 FROM t2 r WHERE l.k = r.k AND l.v > r.x)",
        _ => "SELECT l.* FROM t1 l WHERE NOT EXISTS (SELECT 1 FROM t2 r WHERE l.k = r.k AND l.v > r.x)",
    };

    [Theory]
    [InlineData("inner", false)]
    [InlineData("inner", true)]
    [InlineData("left", false)]
    [InlineData("left", true)]
    [InlineData("right", false)]
    [InlineData("right", true)]
    [InlineData("full", false)]
    [InlineData("semi", true)]
    [InlineData("anti", false)]
    [InlineData("anti", true)]
    public void JoinOnKeysAndResidualCondition(string how, bool broadcast)
    {
        var s = SessionFor(broadcast);
        var l = fx.Db.Frame(s, "t1").Alias("l");
        var r = fx.Db.Frame(s, "t2").Alias("r");
        fx.Db.AssertSame(l.Join(r, Col("l.k").EqualTo(Col("r.k")) & (Col("v") > Col("x")), how), ConditionSql(how));
    }

    [Theory]
    [InlineData("inner", false)]
    [InlineData("inner", true)]
    [InlineData("left", true)]
    [InlineData("full", false)]
    [InlineData("anti", true)]
    public void NonEquiJoinRunsAsNestedLoop(string how, bool broadcast)
    {
        var s = SessionFor(broadcast);
        var l = fx.Db.Frame(s, "t1").Filter(Col("n") < 60);
        var r = fx.Db.Frame(s, "t2");
        var sql = how switch
        {
            "anti" => "SELECT l.* FROM t1 l WHERE l.n < 60 AND NOT EXISTS (SELECT 1 FROM t2 r WHERE l.v < r.x - 90)",
            _ => $"SELECT l.*, r.* FROM (SELECT * FROM t1 WHERE n < 60) l {how.ToUpperInvariant()} JOIN t2 r ON l.v < r.x - 90",
        };
        fx.Db.AssertSame(l.Join(r, Col("v") < Col("x") - 90, how), sql);
    }

    [Fact]
    public void CrossJoinIsEveryPair()
    {
        var s = fx.Shuffle;
        fx.Db.AssertSame(fx.Db.Frame(s, "s1").Filter(Col("a") < 2).CrossJoin(fx.Db.Frame(s, "t2")),
            "SELECT * FROM (SELECT * FROM s1 WHERE a < 2) CROSS JOIN t2");
    }

    [Fact]
    public void JoinOnTwoColumns()
    {
        var s = fx.Shuffle;
        var l = fx.Db.Frame(s, "s1");
        var r = fx.Db.Frame(s, "s2").WithColumn("c", Col("a") * 10);
        fx.Db.AssertSame(l.Join(r, ["a", "b"], "full"),
            "SELECT COALESCE(l.a, r.a), COALESCE(l.b, r.b), r.a * 10 FROM s1 l FULL JOIN s2 r ON l.a = r.a AND l.b = r.b");
    }

    [Fact]
    public void LettersJoinedWithTheirGroupAverages()
    {
        var letters = fx.Letters(fx.Shuffle);
        var averages = letters.GroupBy("lettr").Agg(Avg("width").Alias("aw"));
        fx.Db.AssertSame(letters.Join(averages, "lettr").Filter(Col("width") > Col("aw")).Select("lettr", "width", "aw", "onpix"),
            "SELECT l.lettr, l.width, a.aw, l.onpix FROM letters l JOIN (SELECT lettr, avg(width) AS aw FROM letters GROUP BY lettr) a ON l.lettr = a.lettr WHERE l.width > a.aw");
    }

    [Fact]
    public void LettersSelfJoinOnTwoKeysWithBroadcastHint()
    {
        var letters = fx.Letters(fx.Shuffle);
        var small = letters.Filter(Col("onpix") > 12).Select(Col("lettr"), Col("width"), Col("high").Alias("h2"));
        fx.Db.AssertSame(letters.Join(Broadcast(small), ["lettr", "width"], "left_semi"),
            "SELECT l.lettr, l.width, l.* EXCLUDE (lettr, width) FROM letters l WHERE EXISTS (SELECT 1 FROM letters r WHERE r.onpix > 12 AND r.lettr = l.lettr AND r.width = l.width)");
    }
}
