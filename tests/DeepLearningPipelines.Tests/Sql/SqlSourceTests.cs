using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Sql;
using DeepLearningPipelines.Tests.Support;

namespace DeepLearningPipelines.Tests.Sql;

/// <summary>File sources in Spark's spelling: <c>parquet.`path`</c>, <c>csv.`path`</c> and <c>image.`dir`</c>, with Spark's default options.</summary>
public sealed class SqlSourceTests : IDisposable
{
    private readonly DlpSession _session = DlpSession.Builder().Master("local[2]").NewSession();

    [Fact]
    public void ParquetFolderIsQueriedInPlace()
    {
        var dir = Path.Combine(TestPaths.NewTempDir(), "squares");
        _session.Range(0, 50).CreateOrReplaceTempView("ids");
        _session.Sql("SELECT id, id * id AS sq FROM ids").Write().Parquet(dir);
        var rows = _session.Sql($"SELECT sum(sq) AS s, count(*) AS n FROM parquet.`{dir}` p WHERE p.id % 2 = 0").First();
        Assert.Equal(Enumerable.Range(0, 25).Sum(i => 4L * i * i), rows[0]);
        Assert.Equal(25L, rows[1]);
    }

    [Fact]
    public void CsvSourceReadsWithoutHeaderAsStrings()
    {
        var df = _session.Sql($"SELECT _c0, _c3 FROM csv.`{TestPaths.LettersCsv}` LIMIT 2");
        Assert.Equal<DataType>([DataTypes.String, DataTypes.String], df.Schema.Fields.Select(f => f.DataType));
        Assert.Equal<object?>(["lettr", "width"], df.First().Values());
    }

    [Fact]
    public void ImageSourceGivesTheImageStruct()
    {
        var birds = Path.Combine(TestPaths.Shared, "data", "birds-planes", "birds");
        var row = _session.Sql($"SELECT count(*), max(image.width), min(i.image.nChannels) FROM image.`{birds}` AS i").First();
        Assert.Equal(30L, row[0]);
        Assert.True((int)row[1]! > 0);
        Assert.Equal(3, row[2]);
    }

    [Fact]
    public void UnknownFormatIsASyntaxErrorAndJsonHasNoReader()
    {
        var e = Assert.Throws<SqlParseException>(() => _session.Sql("SELECT * FROM orc.`/tmp/x`"));
        Assert.Contains("'orc.…' is not a known source", e.Message);
        Assert.Throws<AnalysisException>(() => _session.Sql("SELECT * FROM json.`/tmp/x`"));
    }

    public void Dispose() => _session.Dispose();
}
