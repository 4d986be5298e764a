using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Sql;

namespace DeepLearningPipelines.Tests.Sql;

/// <summary>Temporary views and the catalog: registration, replacement, lookup, listing, dropping, SQL view statements.</summary>
public sealed class SqlCatalogTests : IDisposable
{
    private readonly DlpSession _session = DlpSession.Builder().Master("local[2]").NewSession();

    private DataFrame Numbers(int n) => _session.Range(0, n);

    [Fact]
    public void CreateTempViewRefusesAnExistingNameAndReplaceReplaces()
    {
        Numbers(3).CreateTempView("nums");
        var e = Assert.Throws<AnalysisException>(() => Numbers(5).CreateTempView("NUMS"));
        Assert.Contains("'NUMS' already exists", e.Message);
        Assert.Equal(3L, _session.Sql("SELECT count(*) FROM nums").First()[0]);
        Numbers(5).CreateOrReplaceTempView("Nums");
        Assert.Equal(5L, _session.Sql("SELECT count(*) FROM nums").First()[0]);
    }

    [Fact]
    public void CatalogListsChecksAndDropsViews()
    {
        Numbers(1).CreateOrReplaceTempView("b");
        Numbers(1).CreateOrReplaceTempView("a");
        Assert.Equal<string>(["a", "b"], _session.Catalog.ListTables());
        Assert.True(_session.Catalog.TableExists("A"));
        Assert.True(_session.Catalog.DropTempView("a"));
        Assert.False(_session.Catalog.DropTempView("a"));
        Assert.False(_session.Catalog.TableExists("a"));
        Assert.Equal<string>(["b"], _session.Catalog.ListTables());
    }

    [Fact]
    public void TableReturnsTheViewsDataFrame()
    {
        Numbers(4).CreateOrReplaceTempView("four");
        Assert.Equal(4, _session.Table("four").Count());
        Assert.Throws<AnalysisException>(() => _session.Table("five"));
    }

    [Fact]
    public void ViewsBelongToTheirSession()
    {
        using var other = DlpSession.Builder().Master("local[1]").NewSession();
        Numbers(2).CreateOrReplaceTempView("mine");
        Assert.False(other.Catalog.TableExists("mine"));
    }

    [Fact]
    public void SqlCreatesShowsAndDropsViews()
    {
        Numbers(10).CreateOrReplaceTempView("ten");
        _session.Sql("CREATE TEMPORARY VIEW evens AS SELECT id FROM ten WHERE id % 2 = 0");
        Assert.Equal(5, _session.Sql("SELECT * FROM evens").Count());
        Assert.Throws<AnalysisException>(() => _session.Sql("CREATE TEMP VIEW evens AS SELECT 1"));
        _session.Sql("CREATE OR REPLACE TEMP VIEW evens AS SELECT id FROM ten WHERE id < 2");
        Assert.Equal(2, _session.Sql("SELECT * FROM evens").Count());
        var shown = _session.Sql("SHOW TABLES").Collect().Select(r => (string)r["tableName"]!).ToArray();
        Assert.Equal<string>(["evens", "ten"], shown);
        _session.Sql("DROP VIEW evens");
        Assert.False(_session.Catalog.TableExists("evens"));
        Assert.Throws<AnalysisException>(() => _session.Sql("DROP VIEW evens"));
        _session.Sql("DROP VIEW IF EXISTS evens");
    }

    [Fact]
    public void ColumnNamesAreCaseInsensitiveAndKeepTheirOwnSpelling()
    {
        var schema = new StructType(new StructField("Width", DataTypes.Integer), new StructField("img", new StructType(new StructField("Origin", DataTypes.String))));
        _session.CreateDataFrame([[1, new Row(new StructType(new StructField("Origin", DataTypes.String)), "x")]], schema).CreateOrReplaceTempView("t");
        var df = _session.Sql("SELECT WIDTH, img.origin, `Width` + 1 AS w FROM T");
        Assert.Equal<string>(["Width", "Origin", "w"], df.Columns);
        Assert.Equal([1, "x", 2], df.First().Values());
    }

    public void Dispose() => _session.Dispose();
}
