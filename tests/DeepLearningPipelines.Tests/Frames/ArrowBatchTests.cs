using Apache.Arrow;
using Apache.Arrow.Types;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Frames.Arrow;
using static DeepLearningPipelines.Frames.Functions;
using StructType = DeepLearningPipelines.Core.StructType;

namespace DeepLearningPipelines.Tests.Frames;

/// <summary>Batches hold typed Arrow arrays: Spark types map to Arrow and back, expressions run on typed buffers.</summary>
public class ArrowBatchTests
{
    private static readonly DlpSession Session = DlpSession.Builder().Master("local[2]").BatchSize(4).NewSession();

    private static readonly StructType Point = new(new StructField("x", DataTypes.Integer, false), new StructField("label", DataTypes.String));

    private static readonly StructType Everything = new(
        new StructField("b", DataTypes.Boolean),
        new StructField("i", DataTypes.Integer),
        new StructField("l", DataTypes.Long),
        new StructField("f", DataTypes.Float),
        new StructField("d", DataTypes.Double),
        new StructField("s", DataTypes.String),
        new StructField("bin", DataTypes.Binary),
        new StructField("v", DataTypes.Vector),
        new StructField("xs", DataTypes.ArrayOf(DataTypes.Double)),
        new StructField("points", DataTypes.ArrayOf(Point)),
        new StructField("p", Point));

    private static object?[][] EverythingRows() =>
    [
        new object?[] { true, 1, 10L, 1.5f, 2.5, "one", new byte[] { 1, 2 }, new DenseVector([1, 2, 3]), new[] { 0.5, 1.5 }, new[] { new Row(Point, 1, "a") }, new Row(Point, 7, "p") },
        new object?[] { null, null, null, null, null, null, null, null, null, null, null },
        new object?[] { false, -3, long.MaxValue, -0f, double.NaN, "", System.Array.Empty<byte>(), new SparseVector(5, [1, 3], [4, 5]), System.Array.Empty<double>(), System.Array.Empty<Row>(), new Row(Point, 0, null) },
    ];

    private static void AssertRowsEqual(object?[][] expected, RowBatch batch)
    {
        Assert.Equal(expected.Length, batch.RowCount);
        for (int r = 0; r < expected.Length; r++)
            for (int c = 0; c < expected[r].Length; c++)
            {
                var (e, a) = (expected[r][c], batch.GetValue(c, r));
                if (e is Row er) Assert.Equal(er.Values(), ((Row)a!).Values());
                else if (e is Row[] rows) Assert.Equal(rows.Select(x => x.Values()), ((Row[])a!).Select(x => x.Values()));
                else Assert.Equal(e, a);
            }
    }

    [Fact]
    public void EverySparkTypeRoundTripsThroughAnArrowRecordBatch()
    {
        var rows = EverythingRows();
        var batch = RowBatch.FromRows(Everything, rows);
        var record = batch.ToRecordBatch();
        Assert.IsType<Int32Type>(record.Schema.GetFieldByName("i").DataType);
        Assert.IsType<Int64Type>(record.Schema.GetFieldByName("l").DataType);
        Assert.IsType<StringType>(record.Schema.GetFieldByName("s").DataType);
        var vectorField = record.Schema.GetFieldByName("v");
        Assert.Equal(ArrowTypes.VectorExtensionName, vectorField.Metadata[ArrowTypes.ExtensionKey]);
        Assert.Equal(["type", "size", "indices", "values"], ((Apache.Arrow.Types.StructType)vectorField.DataType).Fields.Select(f => f.Name));

        var back = RowBatch.FromRecordBatch(record);
        Assert.Equal(Everything.Fields.Select(f => f.DataType), back.Schema.Fields.Select(f => f.DataType));
        AssertRowsEqual(rows, back);
    }

    [Fact]
    public void SlicedAndTakenNestedColumnsReadTheirOwnRows()
    {
        var rows = EverythingRows();
        var batch = RowBatch.FromRows(Everything, rows);
        var sliced = new RecordBatch(batch.ToRecordBatch().Schema, batch.Columns.Select(c => ArrowArrayFactory.Slice(c, 1, 2)), 2);
        AssertRowsEqual(rows[1..], RowBatch.FromRecordBatch(sliced));
        AssertRowsEqual([rows[2], rows[0]], batch.Take([2, 0]));
        AssertRowsEqual(rows[..2], batch.Head(2));
        var vectors = new VectorColumn(RowBatch.FromRecordBatch(sliced).Column("v"), "v");
        var dense = new double[5];
        vectors.CopyTo(1, dense);
        Assert.Equal([0, 4, 0, 5, 0], dense);
    }

    [Fact]
    public void OrderByKeepsNestedColumnsWithTheirRows()
    {
        var rows = EverythingRows();
        var df = Session.CreateDataFrame(rows.Concat(rows).ToList(), Everything, numPartitions: 3);
        var sorted = df.OrderBy(Col("i").Desc()).CollectBatches();
        var expected = new[] { rows[0], rows[0], rows[2], rows[2], rows[1], rows[1] };
        AssertRowsEqual(expected, RowBatch.FromRows(Everything, sorted.SelectMany(b => Enumerable.Range(0, b.RowCount).Select(b.RowValues)).ToList()));
    }

    [Fact]
    public void ByteAndShortColumnsWidenToInteger()
    {
        var bytes = new Int8Array.Builder().Append(-5).AppendNull().Build();
        var shorts = new Int16Array.Builder().Append(300).Append(7).Build();
        var schema = new Apache.Arrow.Schema([new Field("b", Int8Type.Default, true), new Field("s", Int16Type.Default, false)], null);
        var batch = RowBatch.FromRecordBatch(new RecordBatch(schema, [bytes, shorts], 2));
        Assert.All(batch.Schema.Fields, f => Assert.Equal(DataTypes.Integer, f.DataType));
        Assert.Equal(new object?[] { -5, 300 }, batch.RowValues(0));
        Assert.Null(batch.Column<Int32Array>(0).GetValue(1));
    }

    [Fact]
    public void ColumnReferencesAreZeroCopy()
    {
        var df = Session.CreateDataFrame([[1, 2.0], [3, 4.0]], new StructType(new StructField("a", DataTypes.Integer), new StructField("x", DataTypes.Double)), 1);
        IArrowArray? seen = null;
        var batch = df.MapBatches(b => { seen = b.Column("x"); return b; }, df.Schema).Select(Col("x").Alias("y"), Col("a")).CollectBatches().Single();
        Assert.Same(seen, batch.Column("y"));
    }

    [Fact]
    public void KernelsProduceTypedArraysWithSqlNulls()
    {
        var schema = new StructType(new StructField("a", DataTypes.Integer), new StructField("x", DataTypes.Double), new StructField("s", DataTypes.String));
        var df = Session.CreateDataFrame([[7, 2.0, "10"], [null, 0.0, "x"], [-3, null, null], [4, 0.5, "4"]], schema, 1);
        var batch = df.Select(
            (Col("a") + 1).Alias("inc"),
            (Col("a") / Col("x")).Alias("div"),
            (Col("a") % 0).Alias("mod0"),
            (Col("a") > Col("x")).Alias("gt"),
            ((Col("a") > 0) & Col("x").IsNotNull()).Alias("and"),
            ((Col("a") > 0) | Col("x").IsNull()).Alias("or"),
            Col("s").Cast("int").Alias("si"),
            Col("x").Cast("long").Alias("xl")).CollectBatches().Single();
        Assert.Equal(new int?[] { 8, null, -2, 5 }, batch.Column<Int32Array>("inc").ToArray());
        Assert.Equal(new double?[] { 3.5, null, null, 8 }, batch.Column<DoubleArray>("div").ToArray());
        Assert.Equal(new long?[] { null, null, null, null }, batch.Column<Int32Array>("mod0").Select(v => (long?)v).ToArray());
        Assert.Equal(new bool?[] { true, null, null, true }, batch.Column<BooleanArray>("gt").ToArray());
        Assert.Equal(new bool?[] { true, null, false, true }, batch.Column<BooleanArray>("and").ToArray());
        Assert.Equal(new bool?[] { true, null, true, true }, batch.Column<BooleanArray>("or").ToArray());
        Assert.Equal(new int?[] { 10, null, null, 4 }, batch.Column<Int32Array>("si").ToArray());
        Assert.Equal("value 'x' could not be cast to int", CastFailures.Describe(batch.Column("si"), 1));
        Assert.Null(CastFailures.Describe(batch.Column("si"), 2));
        Assert.Equal(new long?[] { 2, 0, null, 0 }, batch.Column<Int64Array>("xl").ToArray());
    }

    [Fact]
    public void CastFailureNotesFollowFilteredRows()
    {
        var df = Session.CreateDataFrame([["1"], ["bad"], ["3"]], new StructType(new StructField("s", DataTypes.String)), 1);
        var batch = df.Select(Col("s").Cast("double").Alias("d")).Filter(Col("d").IsNull() | (Col("d") > 2)).CollectBatches().Single();
        Assert.Equal(new double?[] { null, 3 }, batch.Column<DoubleArray>("d").ToArray());
        Assert.Equal("value 'bad' could not be cast to double", CastFailures.Describe(batch.Column("d"), 0));
    }

    [Fact]
    public void CsvColumnsAreTypedArrays()
    {
        var dir = Directory.CreateTempSubdirectory("dlp-arrow-csv").FullName;
        try
        {
            var path = Path.Combine(dir, "t.csv");
            File.WriteAllText(path, "n,x,s\n1,2.5,a\n2,,b\n");
            var batch = Session.Read().Option("header", true).Option("inferSchema", true).Csv(path).CollectBatches().Single();
            Assert.Equal(new int?[] { 1, 2 }, batch.Column<Int32Array>("n").ToArray());
            Assert.Equal(new double?[] { 2.5, null }, batch.Column<DoubleArray>("x").ToArray());
            Assert.Equal(["a", "b"], Enumerable.Range(0, 2).Select(r => batch.Column<StringArray>("s").GetString(r)).ToArray());
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void BoxedValuesOfTheWrongTypeAreRefusedNamingTheColumn()
    {
        var e = Assert.Throws<DataFormatException>(() => RowBatch.FromRows(new StructType(new StructField("n", DataTypes.Integer)), [["seven"]]));
        Assert.Contains("Column 'n'", e.Message);
        Assert.Equal(new object?[] { 7L }, RowBatch.FromRows(new StructType(new StructField("n", DataTypes.Long)), [[7]]).RowValues(0));
    }
}
