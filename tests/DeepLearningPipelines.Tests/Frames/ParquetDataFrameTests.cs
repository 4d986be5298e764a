using System.Globalization;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Frames.Arrow;
using DeepLearningPipelines.Frames.IO.Parquet;
using DeepLearningPipelines.Tests.Frames.Oracle;
using DeepLearningPipelines.Tests.Support;
using DeepLearningPipelines.Vision.Sources;
using static DeepLearningPipelines.Frames.Functions;

namespace DeepLearningPipelines.Tests.Frames;

/// <summary><c>Read().Parquet</c> and <c>Write().Parquet</c>: round trips of every column kind, DuckDB as the outside reader, partitioned layouts, stable row identities.</summary>
public class ParquetDataFrameTests
{
    private static DlpSession Local(int cores) => DlpSession.Builder().Master($"local[{cores}]").NewSession();

    private static readonly StructType Mixed = new(
        new StructField("id", DataTypes.Integer),
        new StructField("label", DataTypes.String),
        new StructField("day", DataTypes.Date),
        new StructField("at", DataTypes.Timestamp),
        new StructField("weight", DataTypes.Double),
        new StructField("features", DataTypes.Vector));

    private static object?[] MixedRow(int i) =>
    [
        i,
        i % 4 == 1 ? null : $"row {i % 3}",
        i % 5 == 2 ? null : new DateOnly(2021, 3, 1).AddDays(i * 7),
        i % 6 == 4 ? null : new DateTime(2022, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(i * 3601.5),
        i % 7 == 3 ? null : i * 0.25 - 3,
        (i % 3) switch { 0 => Vectors.Dense(i, -1.5, 0), 1 => Vectors.Sparse(5, [1, 4], [i, 2.5]), _ => null },
    ];

    private static DataFrame MixedFrame(DlpSession session, int rows = 100) =>
        session.CreateDataFrame(Enumerable.Range(0, rows).Select(MixedRow), Mixed, numPartitions: 3);

    /// <summary>A value as text that tells every difference apart: binary as hex, nested rows field by field.</summary>
    private static string Canonical(object? value) => value switch
    {
        null => "null",
        byte[] bytes => Convert.ToHexString(bytes),
        Row row => "(" + string.Join(", ", row.Values().Select(Canonical)) + ")",
        DateOnly d => d.ToString("O", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("O", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()!,
    };

    private static List<string> Rows(DataFrame frame) =>
        frame.Collect().Select(Canonical).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public void MixedColumnsWithNullsDatesAndVectorsRoundTrip()
    {
        var session = Local(2);
        var dir = Path.Combine(TestPaths.NewTempDir(), "mixed");
        var frame = MixedFrame(session);
        frame.Write().Option("compression", "zstd").Option("compressionLevel", "5").Parquet(dir);

        var back = session.Read().Parquet(dir);
        Assert.Equal(frame.Schema, back.Schema);
        Assert.Equal(3, back.NumPartitions);
        Assert.Equal(Rows(frame), Rows(back));
        Assert.All(Directory.GetFiles(dir, "part-*"), f => Assert.EndsWith(".zstd.parquet", f));
        Assert.True(File.Exists(Path.Combine(dir, "_SUCCESS")));
    }

    [Fact]
    public void BirdsPlanesImagesRoundTripWithTheirImageStructs()
    {
        var session = Local(2);
        var images = session.ReadImages(Path.Combine(TestPaths.Shared, "data", "birds-planes"), new ImageReadOptions { Recursive = true, DropInvalid = true });
        var dir = Path.Combine(TestPaths.NewTempDir(), "images");
        images.Write().Parquet(dir);

        var back = session.Read().Parquet(dir);
        Assert.Equal(images.Schema, back.Schema);
        var expected = Rows(images);
        Assert.Equal(60, expected.Count);
        Assert.Equal(expected, Rows(back));
    }

    [Fact]
    public void DuckDbReadsTheWrittenFolderWithEqualValues()
    {
        var dir = Path.Combine(TestPaths.NewTempDir(), "mixed");
        MixedFrame(Local(2), 300).Write().Option("compression", "gzip").Parquet(dir);

        using var duck = new DuckDbOracle();
        var got = duck.Query($"""
            SELECT count(*), count(label), count(day), count("at"), sum(id)::BIGINT, sum(weight),
                   strftime(min(day), '%Y-%m-%d'), strftime(max("at"), '%Y-%m-%d %H:%M:%S.%f'),
                   count(features), sum(list_sum(features."values"))
            FROM read_parquet('{dir}/*.parquet')
            """).Single();
        var rows = Enumerable.Range(0, 300).Select(MixedRow).ToList();
        double VectorSum(object? v) => v is Vector vec ? vec.ToArray().Sum() : 0;
        Assert.Equal(300L, Convert.ToInt64(got[0]));
        Assert.Equal((long)rows.Count(r => r[1] is not null), Convert.ToInt64(got[1]));
        Assert.Equal((long)rows.Count(r => r[2] is not null), Convert.ToInt64(got[2]));
        Assert.Equal((long)rows.Count(r => r[3] is not null), Convert.ToInt64(got[3]));
        Assert.Equal(300L * 299 / 2, Convert.ToInt64(got[4]));
        Assert.Equal(rows.Where(r => r[4] is not null).Sum(r => (double)r[4]!), Convert.ToDouble(got[5]), 9);
        Assert.Equal(rows.Where(r => r[2] is not null).Min(r => (DateOnly)r[2]!).ToString("yyyy-MM-dd"), got[6]);
        Assert.Equal(rows.Where(r => r[3] is not null).Max(r => (DateTime)r[3]!).ToString("yyyy-MM-dd HH:mm:ss.ffffff"), got[7]);
        Assert.Equal((long)rows.Count(r => r[5] is not null), Convert.ToInt64(got[8]));
        Assert.Equal(rows.Sum(r => VectorSum(r[5])), Convert.ToDouble(got[9]), 9);
    }

    [Fact]
    public void PartitionByWritesHiveFoldersThatReadBackAsColumns()
    {
        var session = Local(2);
        var dir = Path.Combine(TestPaths.NewTempDir(), "by-label");
        var frame = MixedFrame(session).Select("id", "label", "weight");
        frame.Write().PartitionBy("label").Parquet(dir);

        Assert.Equal(["label=__HIVE_DEFAULT_PARTITION__", "label=row 0", "label=row 1", "label=row 2"],
            Directory.GetDirectories(dir).Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal).ToArray());
        var back = session.Read().Parquet(dir);
        Assert.Equal(["id", "weight", "label"], back.Columns);
        Assert.Equal(Rows(frame.Select("id", "weight", "label")), Rows(back));
    }

    [Fact]
    public void SaveModesAreThoseOfTheOtherWriters()
    {
        var session = Local(2);
        var dir = Path.Combine(TestPaths.NewTempDir(), "out");
        var frame = session.Range(0, 50, numPartitions: 2);
        frame.Write().Parquet(dir);
        Assert.Throws<DlpException>(() => frame.Write().Parquet(dir));
        frame.Write().Mode("ignore").Parquet(dir);
        Assert.Equal(50, session.Read().Parquet(dir).Count());
        frame.Write().Mode("append").Parquet(dir);
        Assert.Equal(100, session.Read().Parquet(dir).Count());
        session.Range(0, 7).Write().Mode("overwrite").Parquet(dir);
        Assert.Equal(7, session.Read().Parquet(dir).Count());
    }

    [Fact]
    public void BadCompressionOptionsAreRefusedBeforeWriting()
    {
        var session = Local(1);
        var dir = Path.Combine(TestPaths.NewTempDir(), "out");
        Assert.Throws<ParamException>(() => session.Range(0, 5).Write().Option("compression", "lz5").Parquet(dir));
        Assert.Throws<ParamException>(() => session.Range(0, 5).Write().Option("compression", "snappy").Option("compressionLevel", "3").Parquet(dir));
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public void EqualRowsReadFromParquetKeepDistinctIdentities()
    {
        var session = Local(2);
        var dir = Path.Combine(TestPaths.NewTempDir(), "dups");
        session.Range(0, 1000, numPartitions: 2).Select((Col("id") % 10).Alias("v")).Write().Parquet(dir);

        var keys = session.Read().Parquet(dir).CollectBatches().SelectMany(RowIdentity.Of).ToList();
        Assert.Equal(1000, keys.Distinct().Count());
    }

    [Fact]
    public void OneFileIsCutIntoRowGroupRangesKeepingItsRowIdentities()
    {
        var file = Path.Combine(TestPaths.NewTempDir(), "one.parquet");
        var frame = MixedFrame(Local(1), 1000);
        ParquetFileWriter.Write(file, ArrowTypes.ToSchema(frame.Schema), frame.CollectBatches().Select(b => b.ToRecordBatch()),
            new ParquetWriteOptions { MaxRowGroupRows = 100 });

        List<string> Content(DataFrame df) =>
            df.CollectBatches().SelectMany(b => RowIdentity.Of(b).Select((k, r) => $"{k}:{Canonical(b.GetRow(r))}")).Order(StringComparer.Ordinal).ToList();
        var one = Local(1).Read().Parquet(file);
        var four = Local(4).Read().Parquet(file);
        Assert.Equal(1, one.NumPartitions);
        Assert.Equal(4, four.NumPartitions);
        Assert.Equal(Rows(frame), Rows(four));
        Assert.Equal(Content(one), Content(four));
    }

    [Fact]
    public void RandomSplitOverParquetIsTheSameOnOneAndFourCores()
    {
        var dir = Path.Combine(TestPaths.NewTempDir(), "split");
        Local(4).Range(0, 20_000, numPartitions: 4).Select((Col("id") % 100).Alias("v"), Col("id")).Write().Parquet(dir);

        List<List<string>> Split(int cores) =>
            Local(cores).Read().Parquet(dir).Select("v").RandomSplit([0.7, 0.3], 17).Select(part =>
                part.CollectBatches().SelectMany(b => RowIdentity.Of(b).Select((k, r) => $"{k}:{b.GetValue(0, r)}")).Order(StringComparer.Ordinal).ToList()).ToList();

        var one = Split(1);
        var four = Split(4);
        Assert.InRange(one[0].Count, 13_600, 14_400);
        Assert.Equal(20_000, one[0].Count + one[1].Count);
        Assert.Equal(one, four);
    }
}
