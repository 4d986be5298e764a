using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Tests.Support;

namespace DeepLearningPipelines.Tests.Frames;

public class CsvTests
{
    private static readonly DlpSession Session = DlpSession.Builder().Master("local[2]").GetOrCreate();

    private static string WriteCsv(string text)
    {
        var path = Path.Combine(TestPaths.NewTempDir(), "data.csv");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void ReadsLettersWithHeaderAndInferredSchemaInParallelSplits()
    {
        var df = Session.Read().Option("header", true).Option("inferSchema", true).Csv(TestPaths.LettersCsv);
        Assert.Equal(17, df.Schema.Count);
        Assert.Equal("lettr", df.Columns[0]);
        Assert.All(df.Schema.Fields, f => Assert.Equal(DataTypes.Integer, f.DataType));
        Assert.True(df.NumPartitions >= 2);
        Assert.Equal(20000, df.Count());
        var perLabel = df.GroupBy("lettr").Count().Collect();
        Assert.Equal(26, perLabel.Length);
        Assert.Equal(20000, perLabel.Sum(r => r.Get<long>("count")));
    }

    [Fact]
    public void SplitsNeitherLoseNorDuplicateLines()
    {
        var lines = Enumerable.Range(0, 30000).Select(i => $"{i},{i % 7}");
        var path = WriteCsv("id,k\n" + string.Join("\n", lines) + "\n");
        var df = DlpSession.Builder().Master("local[2]").GetOrCreate().Read().Option("header", true).Option("inferSchema", true).Csv(path);
        var ids = df.Collect().Select(r => r.Get<int>("id")).ToList();
        Assert.Equal(Enumerable.Range(0, 30000), ids);
    }

    [Fact]
    public void QuotesDelimiterAndExplicitSchema()
    {
        var path = WriteCsv("a;b;c\n\"x;y\";\"say \"\"hi\"\"\";3\n;\"\";4\n");
        var df = Session.Read().Option("header", true).Option("sep", ";").Schema("a STRING, b STRING, c LONG").Csv(path);
        var rows = df.Collect();
        Assert.Equal("x;y", rows[0]["a"]);
        Assert.Equal("say \"hi\"", rows[0]["b"]);
        Assert.Equal(3L, rows[0]["c"]);
        Assert.Null(rows[1]["a"]);
        Assert.Equal("", rows[1]["b"]);
    }

    private const string Malformed = "x,y\n1,2.5\n2,oops\n3\n4,4.5\n";

    [Fact]
    public void FailFastNamesFileLineAndColumn()
    {
        var path = WriteCsv(Malformed);
        var df = Session.Read().Option("header", true).Option("mode", "FAILFAST").Schema("x INT, y DOUBLE").Csv(path);
        var e = Assert.Throws<DataFormatException>(() => df.Collect());
        Assert.Contains(path, e.Message);
        Assert.Contains("line 3", e.Message);
        Assert.Contains("column 'y'", e.Message);
        Assert.Contains("'oops'", e.Message);
    }

    [Fact]
    public void DropMalformedDropsAndCounts()
    {
        var df = Session.Read().Option("header", true).Option("mode", "DROPMALFORMED").Schema("x INT, y DOUBLE").Csv(WriteCsv(Malformed));
        Assert.Equal([1, 4], df.Collect().Select(r => r.Get<int>("x")));
        Assert.Equal(2, df.Metrics!.DroppedRecords);
        Assert.Contains(df.Metrics.Messages, m => m.Contains("line 3"));
    }

    [Fact]
    public void PermissiveNullsBadFieldsAndKeepsCorruptRecord()
    {
        var df = Session.Read().Option("header", true).Schema("x INT, y DOUBLE, _corrupt_record STRING").Csv(WriteCsv(Malformed));
        var rows = df.Collect();
        Assert.Equal(4, rows.Length);
        Assert.Null(rows[1]["y"]);
        Assert.Equal("2,oops", rows[1]["_corrupt_record"]);
        Assert.Null(rows[2]["y"]);
        Assert.Null(rows[0]["_corrupt_record"]);
        Assert.Equal(2, df.Metrics!.MalformedRecords);
    }

    [Fact]
    public void WritesCsvAndJsonLinesThatReadBack()
    {
        var schema = new StructType(new StructField("id", DataTypes.Integer), new StructField("s", DataTypes.String), new StructField("v", DataTypes.Vector));
        var df = Session.CreateDataFrame([[1, "a,b", Vectors.Dense(1, 2)], [2, null, Vectors.Sparse(3, [1], [5])]], schema);
        var dir = TestPaths.NewTempDir();
        Assert.Throws<SchemaException>(() => df.Write().Csv(Path.Combine(dir, "bad")));
        df.Drop("v").Write().Option("header", true).Csv(Path.Combine(dir, "csv"));
        Assert.True(File.Exists(Path.Combine(dir, "csv", "_SUCCESS")));
        var back = Session.Read().Option("header", true).Option("inferSchema", true).Csv(Path.Combine(dir, "csv")).OrderBy("id").Collect();
        Assert.Equal("a,b", back[0]["s"]);
        Assert.Null(back[1]["s"]);
        Assert.Throws<DlpException>(() => df.Drop("v").Write().Csv(Path.Combine(dir, "csv")));
        df.Write().Json(Path.Combine(dir, "json"));
        var json = Directory.GetFiles(Path.Combine(dir, "json"), "part-*").SelectMany(File.ReadAllLines).Order().ToArray();
        Assert.Equal("{\"id\":1,\"s\":\"a,b\",\"v\":{\"type\":1,\"values\":[1,2]}}", json[0]);
        Assert.Equal("{\"id\":2,\"v\":{\"type\":0,\"size\":3,\"indices\":[1],\"values\":[5]}}", json[1]);
    }
}
