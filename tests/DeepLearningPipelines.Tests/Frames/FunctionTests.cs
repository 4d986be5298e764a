using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using static DeepLearningPipelines.Frames.Functions;

namespace DeepLearningPipelines.Tests.Frames;

public class FunctionTests
{
    private static readonly DlpSession Session = DlpSession.Builder().Master("local[2]").BatchSize(3).GetOrCreate();

    /// <summary>The values of one expression over a single string column <c>s</c>.</summary>
    private static object?[] OverStrings(Func<Column, Column> f, params string?[] values) =>
        Session.CreateDataFrame(values.Select(v => new object?[] { v }), new StructType(new StructField("s", DataTypes.String)), numPartitions: 2)
            .Select(f(Col("s"))).Collect().Select(r => r[0]).ToArray();

    /// <summary>The values of one expression over a single double column <c>x</c>.</summary>
    private static object?[] OverDoubles(Func<Column, Column> f, params double?[] values) =>
        Session.CreateDataFrame(values.Select(v => new object?[] { v }), new StructType(new StructField("x", DataTypes.Double)), numPartitions: 2)
            .Select(f(Col("x"))).Collect().Select(r => r[0]).ToArray();

    private static DataFrame Mixed() => Session.CreateDataFrame(new[]
    {
        new object?[] { 1, 10.0, "a", null },
        new object?[] { 2, null, "b", "x" },
        new object?[] { null, 30.5, null, "y" },
        new object?[] { 4, 40.0, "d", null },
    }, new StructType(new StructField("i", DataTypes.Integer), new StructField("d", DataTypes.Double),
        new StructField("s", DataTypes.String), new StructField("t", DataTypes.String)), numPartitions: 2);

    [Fact]
    public void WhenChainsAndOtherwiseAsSparkCase()
    {
        var c = When(Col("i") < 2, "low").When(Col("i") < 4, "mid").Otherwise("high");
        var df = Mixed().Select(c);
        Assert.Equal("CASE WHEN (i < 2) THEN low WHEN (i < 4) THEN mid ELSE high END", df.Columns[0]);
        // A null condition is not true, so the null row falls through to the else value.
        Assert.Equal(["low", "mid", "high", "high"], df.Collect().Select(r => r[0]));
        Assert.Equal([1.0, 2.0, null, 0.5], Mixed().Select(When(Col("i") < 3, Col("i")).When(Col("s").EqualTo("d"), 0.5)).Collect().Select(r => r[0]));
        Assert.Throws<ParamException>(() => Col("i").When(Col("i") > 1, 2));
        Assert.Throws<ParamException>(() => c.When(Col("i") > 1, "x"));
        Assert.Throws<SchemaException>(() => Mixed().Select(When(Col("i"), 1)));
    }

    [Fact]
    public void CoalesceIsNullIsInAndBetweenFollowSqlNullRules()
    {
        var rows = Mixed().Select(
            Coalesce(Col("t"), Col("s"), Lit("none")).Alias("c"),
            Coalesce(Col("d"), Col("i")).Alias("n"),
            IsNull(Col("d")).Alias("dn"),
            Col("i").IsIn(1, 4).Alias("in"),
            Col("i").IsIn(1, null).Alias("inNull"),
            Col("d").Between(10, 30.5).Alias("btw")).Collect();
        Assert.Equal(["a", "x", "y", "d"], rows.Select(r => r["c"]));
        Assert.Equal([10.0, 2.0, 30.5, 40.0], rows.Select(r => r["n"]));
        Assert.Equal([false, true, false, false], rows.Select(r => r["dn"]));
        Assert.Equal([true, false, null, true], rows.Select(r => r["in"]));
        Assert.Equal([true, null, null, null], rows.Select(r => r["inNull"]));
        Assert.Equal([true, null, true, false], rows.Select(r => r["btw"]));
        Assert.Equal("(i IN (1, 4))", Mixed().Select(Col("i").IsIn(1, 4)).Columns[0]);
        Assert.Equal([false, true, null, true], Mixed().Select(Col("i").IsInCollection(new List<int> { 2, 4 })).Collect().Select(r => r[0]));
        Assert.Throws<SchemaException>(() => Mixed().Select(Col("s").IsIn(1)));
    }

    [Fact]
    public void LikeAndRLike()
    {
        Assert.Equal([true, false, true, null, false], OverStrings(s => s.Like("a%c"), "abc", "abd", "ac", null, "xabc"));
        Assert.Equal([true, false, false], OverStrings(s => s.Like("a_c"), "abc", "ac", "abbc"));
        Assert.Equal([true, false], OverStrings(s => s.Like(@"100\%"), "100%", "1000"));
        Assert.Equal([true, false, null], OverStrings(s => s.RLike("b+c$"), "abbc", "abcd", null));
    }

    [Fact]
    public void StringFunctionsMatchSpark()
    {
        Assert.Equal(["ABC", null], OverStrings(Upper, "aBc", null));
        Assert.Equal(["abc"], OverStrings(Lower, "aBc"));
        Assert.Equal(["a b", "a b  ", "  a b"], OverStrings(s => Array(Trim(s), LTrim(s), RTrim(s)), "  a b  ").Cast<object?[]>().Single());
        Assert.Equal([3, 0, null, 2], OverStrings(Length, "abc", "", null, "😀a"));
        Assert.Equal(["bc", "ab", "c", "", "ab", "a", "bc"], OverStrings(s => Array(
            Substring(s, 2, 2), Substring(s, 0, 2), Substring(s, -1, 5), Substring(s, 5, 1), Substring(s, 1, 2), Substring(s, -5, 3), Substring(s, 2, 100)), "abc").Cast<object?[]>().Single());
        Assert.Equal([null, "b-x", null, null], Mixed().Select(Concat(Col("s"), Lit("-"), Col("t"))).Collect().Select(r => r[0]));
        Assert.Equal(["a-1", "b-x-2", "y", "d-4"], Mixed().Select(ConcatWs("-", Col("s"), Col("t"), Col("i"))).Collect().Select(r => r[0]));
        Assert.Equal("concat_ws(-, s, t, i)", Mixed().Select(ConcatWs("-", Col("s"), Col("t"), Col("i"))).Columns[0]);
    }

    [Fact]
    public void SplitFollowsJavaSemantics()
    {
        object?[] Parts(string pattern, int limit, string input) => (object?[])OverStrings(s => Split(s, pattern, limit), input).Single()!;
        Assert.Equal(["a", "b", "", "c", ""], Parts(",", -1, "a,b,,c,"));
        Assert.Equal(["a", "b,,c,"], Parts(",", 2, "a,b,,c,"));
        Assert.Equal(["", "a", "b"], Parts("[0-9]+", -1, "1a2b"));
        Assert.Equal(["a", "b", "c"], Parts("", -1, "abc"));
        Assert.Equal(["abc"], Parts(";", -1, "abc"));
        var items = Session.Range(0, 1).Select(Split(Lit("a,b"), ",")[1], Split(Lit("a,b"), ",").GetItem(2)).First();
        Assert.Equal(["split(a,b, ,, -1)[1]", "split(a,b, ,, -1)[2]"], items.Schema.FieldNames);
        Assert.Equal(["b", null], items.Values());
        Assert.Throws<SchemaException>(() => Session.Range(0, 1).Select(Col("id")[0]));
    }

    [Fact]
    public void RegexpPadInstrAndReplace()
    {
        Assert.Equal(["num-num", "x"], OverStrings(s => RegexpReplace(s, "[0-9]+", "num"), "100-200", "x"));
        Assert.Equal(["200=100 $"], OverStrings(s => RegexpReplace(s, "([0-9]+)-([0-9]+)", @"$2=$1 \$"), "100-200"));
        Assert.Equal(["200", ""], OverStrings(s => RegexpExtract(s, "([0-9]+)-([0-9]+)", 2), "100-200", "none"));
        Assert.Throws<ParamException>(() => RegexpExtract(Col("s"), "(a)", 2));
        Assert.Equal(["??hi", "hello", "", "hi"], OverStrings(s => Array(Lpad(s, 4, "??"), Lpad(Lit("hello world"), 5, "x"), Lpad(s, -1, "x"), Lpad(s, 5, "")), "hi").Cast<object?[]>().Single());
        Assert.Equal(["hixyx", "h"], OverStrings(s => Array(Rpad(s, 5, "xy"), Rpad(s, 1, "xy")), "hi").Cast<object?[]>().Single());
        Assert.Equal([3, 0, 2], OverStrings(s => Instr(s, "c"), "abc", "xyz", "😀c"));
        Assert.Equal(["aXXc", "abc"], OverStrings(s => Array(Replace(s, "b", "XX"), Replace(s, "", "Z")), "abc").Cast<object?[]>().Single());
    }

    [Fact]
    public void MathFunctionsMatchSpark()
    {
        Assert.Equal([2.0, double.NaN, null], OverDoubles(Sqrt, 4.0, -1.0, null));
        Assert.Equal([0.0, null, null], OverDoubles(Log, 1.0, 0.0, -2.0));
        Assert.Equal([2.0, null], OverDoubles(Log10, 100.0, -1.0));
        Assert.Equal([3.0, null], OverDoubles(x => Log(2, x), 8.0, 0.0));
        Assert.Equal([1.0, 9.0], OverDoubles(x => Pow(x, 2), 1.0, 3.0));
        Assert.Equal([2.5, 2.5], OverDoubles(Abs, -2.5, 2.5));
        Assert.Equal([-1.0, 0.0, 1.0], OverDoubles(Signum, -3.0, 0.0, 2.0));
        Assert.Equal([3L, -3L, 2L], OverDoubles(Floor, 3.7, -2.5, 2.0));
        Assert.Equal([4L, -2L, 2L], OverDoubles(Ceil, 3.2, -2.5, 2.0));
        Assert.Equal([Math.E], OverDoubles(Exp, 1.0));
        // HALF_UP on the decimal text of the double: 2.675 rounds up although its binary value is 2.67499999...
        Assert.Equal([3.0, -3.0, 2.68, 1300.0], OverDoubles(x => Array(Round(x), Round(x * -1), Round(Lit(2.675), 2), Round(Lit(1250.0), -2)), 2.5).Cast<object?[]>().Single());
        Assert.Equal([2.0, -2.0, 4.0, 1200.0], OverDoubles(x => Array(Bround(x), Bround(x * -1), Bround(Lit(3.5)), Bround(Lit(1250.0), -2)), 2.5).Cast<object?[]>().Single());
        var ints = Mixed().Select(Round(Col("i"), -1).Alias("r"), Abs(Col("i") * -1).Alias("a"), Greatest(Col("i"), Col("d")).Alias("g"), Least(Col("i"), Col("d")).Alias("l"));
        Assert.Equal(DataTypes.Integer, ints.Schema["r"].DataType);
        Assert.Equal(DataTypes.Double, ints.Schema["g"].DataType);
        var rows = ints.Collect();
        Assert.Equal([0, 0, null, 0], rows.Select(r => r["r"]));
        Assert.Equal([1, 2, null, 4], rows.Select(r => r["a"]));
        Assert.Equal([10.0, 2.0, 30.5, 40.0], rows.Select(r => r["g"]));
        Assert.Equal([1.0, 2.0, 30.5, 4.0], rows.Select(r => r["l"]));
        Assert.Equal(50, Session.Range(0, 1).Select(Round(Lit(45), -1)).First()[0]);
        // Rounding to zero gives 0.0, never -0.0, as BigDecimal does; values far from a half round as in decimal.
        Assert.Equal("[0.0,0.0,1.23,-1.24,0.2]", Session.Range(0, 1).Select(Round(Lit(-0.4)), Round(Lit(-0.5), -1), Round(Lit(1.2345678), 2), Round(Lit(-1.2350001), 2), Bround(Lit(0.15), 1)).First().ToString());
        Assert.Equal(["SQRT(x)", "ln(x)", "round(x, 0)", "POWER(x, 2)"], Session.CreateDataFrame(new[] { new object?[] { 1.0 } }, new StructType(new StructField("x", DataTypes.Double)))
            .Select(Sqrt(Col("x")), Log(Col("x")), Round(Col("x")), Pow(Col("x"), 2)).Columns);
        var e = Assert.Throws<SchemaException>(() => Mixed().Select(Sqrt(Col("s"))));
        Assert.Contains("'s' is string", e.Message);
    }

    [Fact]
    public void DateFunctionsMatchSpark()
    {
        var schema = new StructType(new StructField("d", DataTypes.Date), new StructField("text", DataTypes.String));
        var df = Session.CreateDataFrame(new[]
        {
            new object?[] { new DateOnly(2024, 2, 28), "03/01/2024" },
            new object?[] { null, "2024-13-01" },
        }, schema);
        var rows = df.Select(
            DateAdd(Col("d"), 2).Alias("plus"), DateSub(Col("d"), 28).Alias("minus"), DateDiff(Lit(new DateOnly(2024, 3, 1)), Col("d")).Alias("diff"),
            Year(Col("d")).Alias("y"), Month(Col("d")).Alias("m"), DayOfMonth(Col("d")).Alias("dd"),
            ToDate(Col("text"), "dd/MM/yyyy").Alias("parsed"), ToDate(Col("text")).Alias("cast"),
            DateFormat(Col("d"), "yyyy/MM/dd EEE").Alias("f")).Collect();
        Assert.Equal(DataTypes.Date, rows[0].Schema["plus"].DataType);
        Assert.Equal([new DateOnly(2024, 3, 1), null], rows.Select(r => r["plus"]));
        Assert.Equal([new DateOnly(2024, 1, 31), null], rows.Select(r => r["minus"]));
        Assert.Equal([2, null], rows.Select(r => r["diff"]));
        Assert.Equal([(object?)2024, 2, 28], new[] { rows[0]["y"], rows[0]["m"], rows[0]["dd"] });
        Assert.Equal([new DateOnly(2024, 1, 3), null], rows.Select(r => r["parsed"]));
        Assert.Equal([null, null], rows.Select(r => r["cast"]));
        Assert.Equal(["2024/02/28 Wed", null], rows.Select(r => r["f"]));
        Assert.Equal(new DateOnly(2024, 5, 6), Session.Range(0, 1).Select(ToDate(Lit("2024-05-06 10:11:12"))).First()[0]);
        Assert.Equal("2024-02-28", df.Select("d").Collect()[0].ToString().Trim('[', ']'));
        var today = (DateOnly)Session.Range(0, 1).Select(CurrentDate()).First()[0]!;
        Assert.InRange(today.DayNumber - DateOnly.FromDateTime(DateTime.UtcNow).DayNumber, -1, 0);
        Assert.Equal(DataTypes.Timestamp, Session.Range(0, 1).Select(CurrentTimestamp()).Schema[0].DataType);
        Assert.Throws<ParamException>(() => DateFormat(Col("d"), "yyyy-QQ"));
        Assert.Equal(["2/28/2024", null], df.Select(DateFormat(Col("d"), "M/d/yyyy")).Collect().Select(r => r[0]));
        Assert.Equal(["2", "28"], df.Limit(1).Select(DateFormat(Col("d"), "M"), DateFormat(Col("d"), "d")).First().Values());
        var stamp = Session.Range(0, 1).Select(Lit(new DateTime(2024, 1, 2, 3, 4, 5, 678)).Alias("t")).Select(Col("t"), DateFormat(Col("t"), "yyyy-MM-dd HH:mm:ss.SSS"), Col("t").Cast("date")).First();
        Assert.Equal("[2024-01-02 03:04:05.678,2024-01-02 03:04:05.678,2024-01-02]", stamp.ToString());
        Assert.Equal(new DateOnly(2024, 1, 3), Session.Range(0, 1).Select(Lit("2024-01-03").Cast("date")).First()[0]);
        Assert.Null(df.Select(Col("text").Cast("date")).Collect()[1][0]);
    }

    [Fact]
    public void ArrayStructAndExplode()
    {
        var df = Mixed().Select(Col("i"), Array(Col("s"), Col("t")).Alias("arr"), Struct(Col("i"), Col("s").Alias("name"), Lit(1)).Alias("st"));
        Assert.Equal("array<string>", df.Schema["arr"].DataType.SimpleString);
        Assert.Equal("struct<i:int,name:string,col3:int>", df.Schema["st"].DataType.SimpleString);
        Assert.Equal(["a", null], (object?[])df.First()["arr"]!);
        Assert.Equal("a", df.Select("st.name").First()[0]);

        var exploded = df.Select(Col("i"), Explode(Col("arr")));
        Assert.Equal(["i", "col"], exploded.Columns);
        var rows = exploded.Collect();
        Assert.Equal([1, 1, 2, 2, null, null, 4, 4], rows.Select(r => r["i"]));
        Assert.Equal(["a", null, "b", "x", null, "y", "d", null], rows.Select(r => r["col"]));

        var lists = Session.CreateDataFrame(new[]
        {
            new object?[] { 1, new object?[] { 10, 11 } },
            new object?[] { 2, new object?[0] },
            new object?[] { 3, null },
        }, new StructType(new StructField("id", DataTypes.Integer), new StructField("xs", DataTypes.ArrayOf(DataTypes.Integer))), numPartitions: 2);
        Assert.Equal([(1, 10), (1, 11)], lists.WithColumn("x", Explode(Col("xs"))).Collect().Select(r => ((int)r["id"]!, (int)r["x"]!)));
        Assert.Equal(new (int, int?)[] { (1, 10), (1, 11), (2, null), (3, null) }, lists.Select(Col("id"), ExplodeOuter(Col("xs")).Alias("x")).Collect().Select(r => ((int)r["id"]!, (int?)r["x"])));
        Assert.Throws<SchemaException>(() => lists.Select(Explode(Col("xs")) + 1));
        Assert.Throws<SchemaException>(() => lists.Select(Explode(Col("xs")), Explode(Col("xs"))));
        Assert.Throws<SchemaException>(() => lists.Select(Explode(Col("id"))));
    }
}
