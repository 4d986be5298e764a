using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using static DeepLearningPipelines.Frames.Functions;

namespace DeepLearningPipelines.Tests.Frames;

public class DataFrameTests
{
    private static readonly DlpSession Session = DlpSession.Builder().Master("local[2]").BatchSize(7).GetOrCreate();

    private static readonly StructType People = new(
        new StructField("name", DataTypes.String),
        new StructField("age", DataTypes.Integer),
        new StructField("score", DataTypes.Double));

    private static DataFrame PeopleFrame() => Session.CreateDataFrame(new[]
    {
        new object?[] { "ann", 31, 1.5 },
        new object?[] { "bob", 25, 2.0 },
        new object?[] { "cid", 31, null },
        new object?[] { "dee", 42, 4.0 },
        new object?[] { "eve", 25, 3.0 },
    }, People, numPartitions: 3);

    [Fact]
    public void PrintSchemaUsesSparkTreeFormat()
    {
        var schema = People.Add("features", DataTypes.Vector).Add("tags", DataTypes.ArrayOf(DataTypes.String))
            .Add("image", new StructType(new StructField("height", DataTypes.Integer, false)));
        Assert.Equal(
            "root\n |-- name: string (nullable = true)\n |-- age: integer (nullable = true)\n |-- score: double (nullable = true)\n" +
            " |-- features: vector (nullable = true)\n |-- tags: array (nullable = true)\n |    |-- element: string (containsNull = true)\n" +
            " |-- image: struct (nullable = true)\n |    |-- height: integer (nullable = false)\n",
            schema.TreeString());
    }

    [Fact]
    public void SelectWithColumnFilterAndRenameCompose()
    {
        var df = PeopleFrame().WithColumn("older", Col("age") + 1).Filter(Col("age") > 30).WithColumnRenamed("name", "who").Drop("score");
        Assert.Equal(["who", "age", "older"], df.Columns);
        var rows = df.Collect();
        Assert.Equal(["ann", "cid", "dee"], rows.Select(r => r.Get<string>("who")));
        Assert.Equal([32, 32, 43], rows.Select(r => r.Get<int>("older")));
        Assert.Equal(DataTypes.Integer, df.Schema["older"].DataType);
    }

    [Fact]
    public void ArithmeticPropagatesNullAndDivisionIsDouble()
    {
        var rows = PeopleFrame().Select(Col("name"), (Col("score") / 2).Alias("half")).Collect();
        Assert.Null(rows[2]["half"]);
        Assert.Equal(0.75, rows[0].Get<double>("half"));
    }

    [Fact]
    public void MissingColumnErrorListsAvailableColumns()
    {
        var e = Assert.Throws<SchemaException>(() => PeopleFrame().Select("nope"));
        Assert.Contains("'nope'", e.Message);
        Assert.Contains("name, age, score", e.Message);
    }

    [Fact]
    public void GroupByAggregatesAcrossPartitions()
    {
        var rows = PeopleFrame().GroupBy("age").Agg(Count("*").Alias("n"), Avg("score"), Min("name"), Max("score"), Sum("age"))
            .OrderBy("age").Collect();
        Assert.Equal(["age", "n", "avg(score)", "min(name)", "max(score)", "sum(age)"], rows[0].Schema.FieldNames);
        Assert.Equal([25, 31, 42], rows.Select(r => r.Get<int>("age")));
        Assert.Equal([2L, 2L, 1L], rows.Select(r => r.Get<long>("n")));
        Assert.Equal(2.5, rows[0].Get<double>("avg(score)"));
        Assert.Equal(1.5, rows[1].Get<double>("avg(score)")); // the null score is ignored
        Assert.Equal("ann", rows[1]["min(name)"]);
        Assert.Equal(50L, rows[0].Get<long>("sum(age)"));
    }

    [Fact]
    public void OrderByDescendingPutsNullsLast()
    {
        var names = PeopleFrame().OrderBy(Col("score").Desc()).Collect().Select(r => r.Get<string>("name"));
        Assert.Equal(["dee", "eve", "bob", "ann", "cid"], names);
    }

    [Fact]
    public void RandomSplitIsDisjointCompleteAndDeterministic()
    {
        var df = Session.Range(0, 1000, numPartitions: 4);
        var a = df.RandomSplit([0.75, 0.25], 12345);
        var b = df.RandomSplit([3, 1], 12345);
        var train = a[0].Collect().Select(r => r.Get<long>(0)).ToList();
        var test = a[1].Collect().Select(r => r.Get<long>(0)).ToList();
        Assert.Empty(train.Intersect(test));
        Assert.Equal(1000, train.Count + test.Count);
        Assert.InRange(train.Count, 700, 800);
        Assert.Equal(train, b[0].Collect().Select(r => r.Get<long>(0)));
        Assert.NotEqual(train, df.RandomSplit([0.75, 0.25], 54321)[0].Collect().Select(r => r.Get<long>(0)));
    }

    [Fact]
    public void UnionLimitRepartitionAndCount()
    {
        var df = PeopleFrame().Union(PeopleFrame());
        Assert.Equal(10, df.Count());
        Assert.Equal(6, df.NumPartitions);
        Assert.Equal(3, df.Limit(3).Count());
        var re = df.Repartition(4);
        Assert.Equal(4, re.NumPartitions);
        Assert.Equal(10, re.Count());
        Assert.Throws<SchemaException>(() => PeopleFrame().Union(PeopleFrame().Drop("score")));
    }

    [Fact]
    public void ShowPrintsSparkTable()
    {
        var text = PeopleFrame().Select(Col("name"), Col("score")).ShowString(2);
        Assert.Equal("+----+-----+\n|name|score|\n+----+-----+\n| ann|  1.5|\n| bob|  2.0|\n+----+-----+\nonly showing top 2 rows\n", text);
        var longText = Session.CreateDataFrame([["a very long string that goes on"]], new StructType(new StructField("s", DataTypes.String))).ShowString();
        Assert.Contains("|a very long strin...|", longText);
    }

    [Fact]
    public void RowAndBatchUdfs()
    {
        var shout = Udf<string, string>(s => s.ToUpperInvariant(), DataTypes.String, "shout");
        var doubled = BatchUdf("twice", cols => cols[0].Select(v => (object?)((int)v! * 2)).ToArray(), DataTypes.Integer, Col("age"));
        var rows = PeopleFrame().Select(shout(Col("name")).Alias("n"), doubled.Alias("a2")).Collect();
        Assert.Equal("ANN", rows[0]["n"]);
        Assert.Equal(62, rows[0]["a2"]);
    }

    [Fact]
    public void CacheComputesOnce()
    {
        int calls = 0;
        var counted = Udf<int, int>(a => { Interlocked.Increment(ref calls); return a; }, DataTypes.Integer);
        var df = PeopleFrame().Select(counted(Col("age")).Alias("a")).Cache();
        df.Count();
        df.Count();
        Assert.Equal(5, calls);
    }

    [Fact]
    public void JavaFormattingMatchesSpark()
    {
        Assert.Equal("1.0", JavaFormat.Double(1));
        Assert.Equal("0.3396", JavaFormat.Double(0.3396));
        Assert.Equal("1.0E-5", JavaFormat.Double(1e-5));
        Assert.Equal("1.2345678E7", JavaFormat.Double(12345678));
        Assert.Equal("-2.5", JavaFormat.Double(-2.5));
        Assert.Equal("(4,[0,3],[1.0,2.0])", Vectors.Sparse(4, [0, 3], [1, 2]).ToString());
    }
}
