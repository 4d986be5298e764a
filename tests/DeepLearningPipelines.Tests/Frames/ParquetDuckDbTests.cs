using System.Collections;
using System.Globalization;
using Apache.Arrow;
using Apache.Arrow.Types;
using DeepLearningPipelines.Frames.IO;
using DeepLearningPipelines.Frames.IO.Parquet;
using DeepLearningPipelines.Tests.Support;
using DuckDB.NET.Data;

namespace DeepLearningPipelines.Tests.Frames;

/// <summary>DuckDB as the outside reader and writer: what we write it reads value for value, and what it writes we read.</summary>
public class ParquetDuckDbTests
{
    [Theory]
    [InlineData(ParquetCompression.Snappy, null)]
    [InlineData(ParquetCompression.Zstd, 3)]
    [InlineData(ParquetCompression.Gzip, 6)]
    [InlineData(ParquetCompression.None, null)]
    public void DuckDbReadsEveryValueWeWrite(ParquetCompression compression, int? level)
    {
        var file = Path.Combine(TestPaths.NewTempDir(), "rows.parquet");
        ParquetFileWriter.Write(file, ParquetTestData.Schema, ParquetTestData.Batches(3, 50),
            new ParquetWriteOptions { Compression = compression, CompressionLevel = level, MaxRowGroupRows = 64 });

        var rows = Query($"""
            SELECT id, name, hex(data), strftime(day, '%Y-%m-%d'), features IS NULL, features.type, features.size,
                   features.indices, features."values"
            FROM read_parquet('{file}') ORDER BY id
            """, r => Describe(r));

        Assert.Equal(Enumerable.Range(0, 150).Select(i => ParquetTestData.Describe(i)), rows);
    }

    [Fact]
    public void DuckDbReadsThePartitionedFolderWithItsPartitionValues()
    {
        var dir = Path.Combine(TestPaths.NewTempDir(), "out");
        ParquetDatasetWriter.Write(dir, ParquetTestData.Schema, ParquetTestData.Batches(2, 40), partitionBy: ["name"]);

        var counts = Query($"""
            SELECT count(*), count(DISTINCT name), count(*) FILTER (WHERE name IS NULL), sum(id)::BIGINT
            FROM read_parquet('{dir}/**/*.parquet', hive_partitioning = true)
            """, r => (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3))).Single();

        var expectedNames = Enumerable.Range(0, 80).Select(i => ParquetTestData.Name(i)).ToList();
        Assert.Equal((80L, (long)expectedNames.Where(n => n is not null).Distinct().Count(), (long)expectedNames.Count(n => n is null), 80L * 79 / 2), counts);
    }

    [Fact]
    public void WeReadWhatDuckDbWrites()
    {
        var dir = TestPaths.NewTempDir();
        var file = Path.Combine(dir, "duck.parquet");
        Execute($$"""
            COPY (
              SELECT i::INTEGER AS id,
                     CASE WHEN i % 3 = 0 THEN NULL ELSE 'row ' || i END AS label,
                     DATE '2020-02-28' + i::INTEGER AS day,
                     [i * 0.5, -1.0]::DOUBLE[] AS vals,
                     {'type': 1::TINYINT, 'size': i::INTEGER} AS info,
                     CASE WHEN i % 2 = 0 THEN NULL ELSE from_hex('00FF') END AS raw
              FROM range(5) t(i)
            ) TO '{{file}}' (FORMAT parquet, COMPRESSION zstd)
            """);

        var dataset = ParquetDataset.Open(file);
        var batches = dataset.ReadBatches().ToList();

        Assert.Equal(["id", "label", "day", "vals", "info", "raw"], dataset.Schema.FieldsList.Select(f => f.Name));
        var ids = batches.SelectMany(b => ((Int32Array)b.Column("id")).Values.ToArray()).ToArray();
        Assert.Equal([0, 1, 2, 3, 4], ids);
        var labels = batches.SelectMany(b => Enumerable.Range(0, b.Length).Select(r => ((StringArray)b.Column("label")).GetString(r))).ToArray();
        Assert.Equal(new string?[] { null, "row 1", "row 2", null, "row 4" }, labels);
        var days = batches.SelectMany(b => Enumerable.Range(0, b.Length).Select(r => ((Date32Array)b.Column("day")).GetDateOnly(r))).ToArray();
        Assert.Equal(new DateOnly(2020, 3, 1), days[2]);
        var vals = batches.SelectMany(b => Enumerable.Range(0, b.Length).Select(r => ((DoubleArray)((ListArray)b.Column("vals")).GetSlicedValues(r)).Values.ToArray())).ToArray();
        Assert.Equal([1.5, -1.0], vals[3]);
        var info = (StructArray)batches[0].Column("info");
        Assert.Equal(4, ((Int32Array)info.Fields[1]).GetValue(4));
        var raw = (BinaryArray)batches[0].Column("raw");
        Assert.True(raw.IsNull(0));
        Assert.Equal(new byte[] { 0, 255 }, raw.GetBytes(1).ToArray());
    }

    [Fact]
    public void WeReadADuckDbHivePartitionedFolderWithSparkTypes()
    {
        var dir = Path.Combine(TestPaths.NewTempDir(), "hive");
        Execute($"""
            COPY (SELECT i AS id, (i % 2)::INTEGER AS part, 'k' || (i % 3) AS key FROM range(12) t(i))
            TO '{dir}' (FORMAT parquet, PARTITION_BY (part, key))
            """);

        var dataset = ParquetDataset.Open(dir);
        var rows = dataset.ReadBatches().SelectMany(b => Enumerable.Range(0, b.Length)
            .Select(r => (((Int64Array)b.Column("id")).GetValue(r)!.Value, ((Int32Array)b.Column("part")).GetValue(r)!.Value, ((StringArray)b.Column("key")).GetString(r))))
            .OrderBy(t => t.Item1).ToList();

        Assert.IsType<Int32Type>(dataset.Schema.GetFieldByName("part").DataType);
        Assert.IsType<StringType>(dataset.Schema.GetFieldByName("key").DataType);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => ((long)i, i % 2, "k" + i % 3)), rows);
    }

    private static string Describe(DuckDBDataReader r)
    {
        string Text(int i) => r.IsDBNull(i) ? "null" : Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture)!;
        string List(int i) => r.IsDBNull(i) ? "null" : string.Join(";", ((IEnumerable)r.GetValue(i)).Cast<object>().Select(o => o is double d ? d.ToString("R", CultureInfo.InvariantCulture) : Convert.ToString(o, CultureInfo.InvariantCulture)));
        string vector = r.GetBoolean(4) ? "null" : $"{Text(5)}|{Text(6)}|{List(7)}|{List(8)}";
        return $"{r.GetInt64(0)}|{Text(1)}|{Text(2)}|{Text(3)}|{vector}";
    }

    private static List<T> Query<T>(string sql, Func<DuckDBDataReader, T> read)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = (DuckDBDataReader)command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(read(reader));
        return rows;
    }

    private static void Execute(string sql)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
