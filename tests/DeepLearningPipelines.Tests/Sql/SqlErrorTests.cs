using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Sql;

namespace DeepLearningPipelines.Tests.Sql;

/// <summary>Syntax errors give line:column, the token found and what was expected; unknown names list what exists, closest first.</summary>
public sealed class SqlErrorTests : IDisposable
{
    private readonly DlpSession _session = DlpSession.Builder().Master("local[2]").NewSession();

    public SqlErrorTests()
    {
        var schema = new StructType(new StructField("width", DataTypes.Integer), new StructField("height", DataTypes.Integer), new StructField("label", DataTypes.String));
        _session.CreateDataFrame([[1, 2, "a"], [3, 4, "b"]], schema).CreateOrReplaceTempView("shapes");
    }

    [Theory]
    [InlineData("SELECT width,\nFROM shapes", 2, 1, "expected an expression but found 'FROM'")]
    [InlineData("SELECT width FROM shapes WHERE", 1, 31, "expected an expression but found the end of the query")]
    [InlineData("SELECT width FROM shapes ORDER width", 1, 32, "expected BY but found 'width'")]
    [InlineData("SELECT s.width FROM shapes s LEFT JOIN shapes t", 1, 48, "expected ON or USING but found the end of the query")]
    [InlineData("SELECT CAST(width AS INTEGRAL) FROM shapes", 1, 22, "unknown type 'INTEGRAL'")]
    [InlineData("SELECT 'open FROM shapes", 1, 8, "the string opened here with ' is not closed")]
    [InlineData("SELECT width /* comment\n\n FROM shapes", 1, 14, "'/*' is not closed")]
    [InlineData("  SELECT width FROM shapes\n  WHERE width > 1 ORDER BY width NULLS LOWEST", 2, 40, "expected FIRST or LAST but found 'LOWEST'")]
    [InlineData("SELECT CASE width WHEN 1 THEN 'a' FROM shapes", 1, 35, "expected END but found 'FROM'")]
    [InlineData("SELECT width FROM shapes LEFT JOIN shapes t ON", 1, 47, "expected an expression but found the end of the query")]
    [InlineData("UPDATE shapes SET width = 1", 1, 1, "expected SELECT, WITH, CREATE TEMPORARY VIEW, DROP VIEW or SHOW TABLES but found 'UPDATE'")]
    public void SyntaxErrorsGivePositionFoundAndExpected(string sql, int line, int column, string message)
    {
        var e = Assert.Throws<SqlParseException>(() => _session.Sql(sql));
        Assert.Equal((line, column), (e.Line, e.Column));
        Assert.StartsWith($"Syntax error at {line}:{column}: ", e.Message);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void UnknownColumnListsTheColumnsClosestFirst()
    {
        var e = Assert.Throws<AnalysisException>(() => _session.Sql("SELECT widht FROM shapes"));
        Assert.Contains("Column 'widht' at 1:8 does not exist. Columns: [width, ", e.Message);
        Assert.Contains("label", e.Message);
    }

    [Fact]
    public void UnknownFunctionListsTheFunctionsClosestFirst()
    {
        _session.Udf.Register<int, int>("wider", x => x + 1);
        var e = Assert.Throws<AnalysisException>(() => _session.Sql("SELECT uper(label) FROM shapes"));
        Assert.Contains("Undefined function 'uper' at 1:8. Functions with the nearest names: [upper, ", e.Message);
        var udf = Assert.Throws<AnalysisException>(() => _session.Sql("SELECT widr(width) FROM shapes"));
        Assert.Contains("[wider, ", udf.Message);
    }

    [Fact]
    public void UnknownTableListsTheViews()
    {
        var e = Assert.Throws<AnalysisException>(() => _session.Sql("SELECT * FROM shape"));
        Assert.Contains("Table or view 'shape' not found at 1:15. Views: [shapes]", e.Message);
    }

    [Fact]
    public void AmbiguousAndUngroupedColumnsAreRefused()
    {
        var ambiguous = Assert.Throws<AnalysisException>(() => _session.Sql("SELECT width FROM shapes a JOIN shapes b ON a.label = b.label"));
        Assert.Contains("Column 'width' at 1:8 is ambiguous: it could be a.width or b.width", ambiguous.Message);
        var ungrouped = Assert.Throws<AnalysisException>(() => _session.Sql("SELECT label, width, count(*) FROM shapes GROUP BY label"));
        Assert.Contains("Column 'width' at 1:15 is neither in GROUP BY nor inside an aggregate function", ungrouped.Message);
        var where = Assert.Throws<AnalysisException>(() => _session.Sql("SELECT label FROM shapes WHERE max(width) > 1"));
        Assert.Contains("use HAVING", where.Message);
    }

    [Fact]
    public void WrongArgumentCountNamesTheFunction()
    {
        var e = Assert.Throws<AnalysisException>(() => _session.Sql("SELECT round(width, 1, 2) FROM shapes"));
        Assert.Equal("Function round takes 1 to 2 arguments but 3 were given.", e.Message);
    }

    [Fact]
    public void ErrorsBelongToTheLibrarysExceptionFamily()
    {
        Assert.IsAssignableFrom<DlpException>(Assert.ThrowsAny<Exception>(() => _session.Sql("SELECT FROM")));
        Assert.IsAssignableFrom<DlpException>(Assert.ThrowsAny<Exception>(() => _session.Sql("SELECT nope FROM shapes")));
    }

    public void Dispose() => _session.Dispose();
}
