using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Tests.Support;
using static DeepLearningPipelines.Frames.Functions;

namespace DeepLearningPipelines.Tests.Sql;

/// <summary>A query lowers onto the same physical operators as the equivalent DataFrame program (renaming projections aside) and gives the same rows.</summary>
public sealed class SqlPlanTests : IDisposable
{
    private readonly DlpSession _session = DlpSession.Builder().Master("local[2]").NewSession();
    private readonly DataFrame _letters;

    public SqlPlanTests()
    {
        _letters = _session.Read().Option("header", true).Option("inferSchema", true).Csv(TestPaths.LettersCsv);
        _letters.CreateOrReplaceTempView("letters");
        var names = new StructType(new StructField("lettr", DataTypes.Integer, false), new StructField("letter", DataTypes.String, false));
        _session.CreateDataFrame(Enumerable.Range(0, 26).Select(i => new object?[] { i, ((char)('A' + i)).ToString() }), names).CreateOrReplaceTempView("names");
    }

    [Fact]
    public void AggregateQueryPlansAsTheDataFrameProgram()
    {
        var sql = _session.Sql("SELECT lettr, count(*) AS n, avg(width) AS w FROM letters WHERE onpix > 2 GROUP BY lettr ORDER BY n DESC, lettr");
        var program = _letters.Filter(Col("onpix") > 2).GroupBy("lettr").Agg(Count("*").Alias("n"), Avg("width").Alias("w")).OrderBy(Col("n").Desc(), Col("lettr").Asc());
        AssertSamePlanAndRows(program, sql);
    }

    [Fact]
    public void JoinQueryPlansAsTheDataFrameProgram()
    {
        var sql = _session.Sql("SELECT lettr, n.letter, l.width FROM letters l JOIN names n USING (lettr) WHERE high > 10");
        var program = _letters.Join(_session.Table("names"), "lettr").Filter(Col("high") > 10).Select("lettr", "letter", "width");
        AssertSamePlanAndRows(program, sql);
    }

    private static void AssertSamePlanAndRows(DataFrame program, DataFrame sql)
    {
        Assert.Equal(Operators(program.Explain()), Operators(sql.Explain()));
        Assert.Equal(program.Collect().Select(r => r.Values()), sql.Collect().Select(r => r.Values()));
    }

    /// <summary>The operator of each plan line, without projections (SQL renames columns through them).</summary>
    private static string[] Operators(string plan) =>
        plan.Split('\n').Select(l => l.TrimStart(' ', '+', '-').Split(' ')[0]).Where(op => op != "Project").ToArray();

    public void Dispose() => _session.Dispose();
}
