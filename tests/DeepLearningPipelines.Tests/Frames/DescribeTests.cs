using System.Globalization;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;

namespace DeepLearningPipelines.Tests.Frames;

public class DescribeTests
{
    private static readonly DlpSession Session = DlpSession.Builder().Master("local[2]").BatchSize(2).GetOrCreate();

    private static DataFrame People() => Session.CreateDataFrame(new[]
    {
        new object?[] { "ann", 31, 1.5, true },
        new object?[] { "bob", 25, 2.0, false },
        new object?[] { "cid", 31, null, true },
        new object?[] { "dee", 42, 4.0, null },
        new object?[] { "eve", 25, 3.0, true },
    }, new StructType(new StructField("name", DataTypes.String), new StructField("age", DataTypes.Integer),
        new StructField("score", DataTypes.Double), new StructField("ok", DataTypes.Boolean)), numPartitions: 3);

    private static Dictionary<string, Row> ByStat(DataFrame summary) => summary.Collect().ToDictionary(r => (string)r["summary"]!);

    private static double Number(object? text) => double.Parse((string)text!, CultureInfo.InvariantCulture);

    [Fact]
    public void DescribeGivesCountMeanSampleStddevMinMaxAsStrings()
    {
        var df = People().Describe("age", "score", "name");
        Assert.Equal(["summary", "age", "score", "name"], df.Columns);
        Assert.All(df.Schema.Fields, f => Assert.Equal(DataTypes.String, f.DataType));
        Assert.Equal(["count", "mean", "stddev", "min", "max"], df.Collect().Select(r => r["summary"]));
        var s = ByStat(df);
        Assert.Equal(["5", "4", "5"], s["count"].Values().Skip(1));
        Assert.Equal(["30.8", "2.625", null], s["mean"].Values().Skip(1));
        // Sample standard deviations: sqrt(192.8 / 4) and sqrt(3.6875 / 3).
        Assert.Equal(Math.Sqrt(192.8 / 4), Number(s["stddev"]["age"]), 12);
        Assert.Equal(Math.Sqrt(3.6875 / 3), Number(s["stddev"]["score"]), 12);
        Assert.Null(s["stddev"]["name"]);
        Assert.Equal(["25", "1.5", "ann"], s["min"].Values().Skip(1));
        Assert.Equal(["42", "4.0", "eve"], s["max"].Values().Skip(1));
    }

    [Fact]
    public void DescribeWithoutColumnsTakesNumericAndStringColumns()
    {
        Assert.Equal(["summary", "name", "age", "score"], People().Describe().Columns);
        var e = Assert.Throws<SchemaException>(() => People().Describe("ok"));
        Assert.Contains("'ok'", e.Message);
    }

    [Fact]
    public void StringColumnsAreAveragedWhereTheyParseAsNumbers()
    {
        var df = Session.CreateDataFrame(new[] { new object?[] { "1" }, new object?[] { "2" }, new object?[] { "x" } }, new StructType(new StructField("v", DataTypes.String)));
        var s = ByStat(df.Describe());
        Assert.Equal("3", s["count"]["v"]);
        Assert.Equal("1.5", s["mean"]["v"]);
        Assert.Equal("x", s["max"]["v"]);
        Assert.Null(ByStat(df.Limit(1).Describe())["stddev"]["v"]);
    }

    [Fact]
    public void SummaryAddsApproximatePercentilesAsSpark()
    {
        var df = People().Summary();
        Assert.Equal(["count", "mean", "stddev", "min", "25%", "50%", "75%", "max"], df.Collect().Select(r => r["summary"]));
        var s = ByStat(df);
        // percentile_approx picks the element of rank ceil(p * n): ages 25 25 31 31 42, scores 1.5 2.0 3.0 4.0.
        Assert.Equal(["25", "31", "31"], new[] { "25%", "50%", "75%" }.Select(p => s[p]["age"]));
        Assert.Equal(["1.5", "2.0", "3.0"], new[] { "25%", "50%", "75%" }.Select(p => s[p]["score"]));
        Assert.Null(s["50%"]["name"]);
        Assert.Equal(["count", "90%"], People().Summary("count", "90%").Collect().Select(r => r["summary"]));
        Assert.Equal("42", ByStat(People().Summary("90%"))["90%"]["age"]);
        Assert.Throws<ParamException>(() => People().Summary("median"));
        Assert.Throws<ParamException>(() => People().Summary("101%"));
    }

    [Fact]
    public void VerticalShowPrintsOneBlockPerRow()
    {
        var df = People().Select("name", "age");
        Assert.Equal(
            "-RECORD 0---\n name | ann \n age  | 31  \n-RECORD 1---\n name | bob \n age  | 25  \nonly showing top 2 rows\n",
            df.ShowString(2, 20, vertical: true));
        Assert.Equal("(0 rows)\n", df.Limit(0).ShowString(5, 20, vertical: true));
        var wide = Session.CreateDataFrame(new[] { new object?[] { "abcdefgh" } }, new StructType(new StructField("s", DataTypes.String)));
        Assert.Equal("-RECORD 0----\n s   | ab... \n", wide.ShowString(5, 5, vertical: true));
        Assert.Equal(df.ShowString(3, 20), df.ShowString(3, 20, vertical: false));
    }
}
