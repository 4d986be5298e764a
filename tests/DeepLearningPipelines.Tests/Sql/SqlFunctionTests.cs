using System.Collections.Concurrent;
using Apache.Arrow;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Ml;
using DeepLearningPipelines.Ml.Feature;
using DeepLearningPipelines.Tests.Support;

namespace DeepLearningPipelines.Tests.Sql;

/// <summary>User functions in SQL: typed row-wise C# functions, Arrow batch functions, and fitted pipelines over columns.</summary>
public sealed class SqlFunctionTests : IDisposable
{
    private readonly DlpSession _session = DlpSession.Builder().Master("local[2]").BatchSize(100).NewSession();

    public SqlFunctionTests()
    {
        var schema = new StructType(new StructField("n", DataTypes.Integer), new StructField("s", DataTypes.String));
        _session.CreateDataFrame([[1, "a"], [null, "b"], [3, null], [4, "d"]], schema).CreateOrReplaceTempView("t");
    }

    [Fact]
    public void RowFunctionsInferTheirTypeAndReturnNullForMissingPrimitiveArguments()
    {
        _session.Udf.Register<int, int>("plus1", x => x + 1);
        _session.Udf.Register<string?, int, string>("rep", (s, k) => string.Concat(Enumerable.Repeat(s ?? "?", k)));
        _session.Udf.Register<int, int, double, double>("mix", (a, b, c) => a * b + c);
        var df = _session.Sql("SELECT plus1(n) AS p, rep(s, 2) AS r, MIX(n, 2, 0.5) AS m FROM t");
        Assert.Equal<DataType>([DataTypes.Integer, DataTypes.String, DataTypes.Double], df.Schema.Fields.Select(f => f.DataType));
        object?[][] expected = [[2, "aa", 2.5], [null, "bb", null], [4, "??", 6.5], [5, "dd", 8.5]];
        Assert.Equal(expected, df.Collect().Select(r => r.Values()).ToArray());
    }

    [Fact]
    public void RowFunctionsWorkInWhereGroupByAndOrderBy()
    {
        _session.Udf.Register<int, bool>("isOdd", x => x % 2 == 1);
        var rows = _session.Sql("SELECT isOdd(n) AS odd, count(*) AS c FROM t WHERE n IS NOT NULL GROUP BY isOdd(n) ORDER BY odd").Collect();
        object?[][] expected = [[false, 1L], [true, 2L]];
        Assert.Equal(expected, rows.Select(r => r.Values()).ToArray());
    }

    [Fact]
    public void BatchFunctionsReceiveWholeArrowBatches()
    {
        var sizes = new ConcurrentBag<int>();
        _session.Udf.RegisterBatch("double_it", args =>
        {
            var ids = (Int64Array)args[0];
            sizes.Add(ids.Length);
            var builder = new Int64Array.Builder();
            for (int i = 0; i < ids.Length; i++) builder.Append(ids.GetValue(i)!.Value * 2);
            return builder.Build();
        }, DataTypes.Long);
        _session.Range(0, 1000, 2).CreateOrReplaceTempView("ids");
        var sum = _session.Sql("SELECT sum(double_it(id)) FROM ids").First()[0];
        Assert.Equal(999L * 1000, sum);
        Assert.Equal(1000, sizes.Sum());
        Assert.Equal(10, sizes.Count);
        Assert.All(sizes, s => Assert.Equal(100, s));
    }

    [Fact]
    public void BatchFunctionReturningTheWrongArrowTypeFailsWithItsName()
    {
        _session.Udf.RegisterBatch("bad", args => new Int32Array.Builder().AppendRange(Enumerable.Repeat(0, args[0].Length)).Build(), DataTypes.Long);
        var e = Assert.Throws<DlpException>(() => _session.Sql("SELECT bad(n) FROM t").Collect());
        Assert.Contains("'bad' was registered as returning bigint", e.Message);
    }

    [Fact]
    public void AFittedPipelineIsAFunctionOverColumns()
    {
        var letters = _session.Read().Option("header", true).Option("inferSchema", true).Csv(TestPaths.LettersCsv).Limit(500);
        var model = new Pipeline().SetStages(
            new VectorAssembler().SetInputCols("width", "high").SetOutputCol("raw"),
            new StandardScaler().SetInputCol("raw").SetOutputCol("scaled").SetWithMean(true)).Fit(letters);
        _session.Udf.Register("scale", model, ["width", "high"], "scaled");
        letters.CreateOrReplaceTempView("letters");

        // The arguments are expressions; the letters view's own width and high columns are left as they are.
        var sql = _session.Sql("SELECT lettr, width, scale(width, high + 0) AS z FROM letters WHERE lettr < 5").Collect();
        var expected = model.Transform(letters).Filter(Functions.Col("lettr") < 5).Select("lettr", "width", "scaled").Collect();
        Assert.Equal(expected.Length, sql.Length);
        for (int i = 0; i < sql.Length; i++) Assert.Equal(expected[i].Values(), sql[i].Values());
        Assert.Equal<string>(["lettr", "width", "z"], _session.Sql("SELECT lettr, width, scale(width, high) AS z FROM letters").Columns);
    }

    [Fact]
    public void FunctionNamesMustBeIdentifiers()
    {
        var e = Assert.Throws<ParamException>(() => _session.Udf.Register<int, int>("my-fn", x => x));
        Assert.Contains("'my-fn' is not a SQL identifier", e.Message);
    }

    public void Dispose() => _session.Dispose();
}
