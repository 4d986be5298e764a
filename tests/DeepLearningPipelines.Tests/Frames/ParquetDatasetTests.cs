using Apache.Arrow;
using Apache.Arrow.Types;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames.IO;
using DeepLearningPipelines.Frames.IO.Parquet;
using DeepLearningPipelines.Tests.Support;

namespace DeepLearningPipelines.Tests.Frames;

public class ParquetDatasetTests
{
    private static readonly Schema PartitionedSchema = new Schema.Builder()
        .Field(new Field("id", Int64Type.Default, nullable: false))
        .Field(new Field("label", Int32Type.Default, nullable: true))
        .Field(new Field("city", StringType.Default, nullable: true))
        .Build();

    private static readonly string?[] Cities = ["a/b", "x=y", "50%", null, "plain", ""];

    private static RecordBatch PartitionedBatch(int first, int count)
    {
        var ids = new Int64Array.Builder();
        var labels = new Int32Array.Builder();
        var cities = new StringArray.Builder();
        for (int i = first; i < first + count; i++)
        {
            ids.Append(i);
            if (i % 5 == 4) labels.AppendNull(); else labels.Append(i % 3 - 1);
            if (Cities[i % Cities.Length] is { } c) cities.Append(c); else cities.AppendNull();
        }
        return new RecordBatch(PartitionedSchema, [ids.Build(), labels.Build(), cities.Build()], count);
    }

    [Fact]
    public void RoundTripKeepsEveryValueAcrossBatchesAndRowGroups()
    {
        var dir = Path.Combine(TestPaths.NewTempDir(), "out");
        ParquetDatasetWriter.Write(dir, ParquetTestData.Schema, ParquetTestData.Batches(4, 30), options: new() { MaxRowGroupRows = 50 });

        var dataset = ParquetDataset.Open(dir);

        Assert.True(File.Exists(Path.Combine(dir, "_SUCCESS")));
        Assert.Equal(Enumerable.Range(0, 120).Select(i => ParquetTestData.Describe(i)), ParquetTestData.DescribeRows(dataset.ReadBatches()));
    }

    [Fact]
    public void RowGroupsCloseAtTheRowLimitAcrossBatches()
    {
        var file = Path.Combine(TestPaths.NewTempDir(), "groups.parquet");
        ParquetFileWriter.Write(file, ParquetTestData.Schema, ParquetTestData.Batches(3, 70), new ParquetWriteOptions { MaxRowGroupRows = 100 });

        using var reader = new ParquetFileReader(file);

        Assert.Equal(3, reader.RowGroupCount);
        Assert.Equal(210, reader.RowCount);
    }

    [Fact]
    public void RowGroupsCloseAtTheByteLimit()
    {
        var file = Path.Combine(TestPaths.NewTempDir(), "bytes.parquet");
        // 64 rows of ~8 KB each (a list of 1,000 doubles) with a 100 KB limit: 13 rows fit a group.
        var schema = new Schema.Builder().Field(new Field("v", new ListType(DoubleType.Default), nullable: true)).Build();
        var list = new ListArray.Builder(DoubleType.Default);
        for (int r = 0; r < 64; r++) { list.Append(); for (int i = 0; i < 1000; i++) ((DoubleArray.Builder)list.ValueBuilder).Append(r + i); }
        ParquetFileWriter.Write(file, schema, [new RecordBatch(schema, [list.Build()], 64)], new ParquetWriteOptions { MaxRowGroupBytes = 100_000 });

        using var reader = new ParquetFileReader(file);

        Assert.True(reader.RowGroupCount >= 5, $"expected the 512 KB batch split into row groups of at most ~100 KB, got {reader.RowGroupCount} group(s)");
        Assert.Equal(64, reader.RowCount);
    }

    [Fact]
    public void PartitionedWriteUsesEscapedHiveFoldersAndReadsBackWithInferredTypes()
    {
        var dir = Path.Combine(TestPaths.NewTempDir(), "parts");
        ParquetDatasetWriter.Write(dir, PartitionedSchema, [PartitionedBatch(0, 17), PartitionedBatch(17, 23)], partitionBy: ["label", "city"]);

        var folders = Directory.GetDirectories(dir, "*", SearchOption.AllDirectories).Select(d => Path.GetRelativePath(dir, d)).ToHashSet();
        Assert.Contains("label=-1", folders);
        Assert.Contains(Path.Combine("label=-1", "city=a%2Fb"), folders);
        Assert.Contains(Path.Combine("label=0", "city=x%3Dy"), folders);
        Assert.Contains(Path.Combine("label=1", "city=50%25"), folders);
        Assert.Contains(Path.Combine("label=__HIVE_DEFAULT_PARTITION__", "city=__HIVE_DEFAULT_PARTITION__"), folders);

        var dataset = ParquetDataset.Open(dir);
        Assert.Equal(["id", "label", "city"], dataset.Schema.FieldsList.Select(f => f.Name));
        Assert.IsType<Int32Type>(dataset.Schema.GetFieldByName("label").DataType);
        var rows = dataset.ReadBatches().SelectMany(b => Enumerable.Range(0, b.Length).Select(r =>
            (((Int64Array)b.Column("id")).GetValue(r)!.Value, ((Int32Array)b.Column("label")).GetValue(r), (string?)((StringArray)b.Column("city")).GetString(r))))
            .OrderBy(t => t.Item1).ToList();
        // Spark writes an empty string partition value as the default partition too, so it reads back as null.
        Assert.Equal(Enumerable.Range(0, 40).Select(i => ((long)i, i % 5 == 4 ? (int?)null : i % 3 - 1, Cities[i % Cities.Length] is "" ? null : Cities[i % Cities.Length])), rows);
    }

    [Fact]
    public void ProjectionReadsOnlyTheAskedColumnsIncludingPartitionColumns()
    {
        var dir = Path.Combine(TestPaths.NewTempDir(), "parts");
        ParquetDatasetWriter.Write(dir, PartitionedSchema, [PartitionedBatch(0, 30)], partitionBy: ["label"]);

        var batches = ParquetDataset.Open(dir).ReadBatches(["label"]).ToList();

        Assert.All(batches, b => Assert.Equal(["label"], b.Schema.FieldsList.Select(f => f.Name)));
        Assert.Equal(30, batches.Sum(b => b.Length));
        var onlyId = ParquetDataset.Open(dir).ReadBatches(["id"]).ToList();
        Assert.Equal(Enumerable.Range(0, 30).Select(i => (long)i), onlyId.SelectMany(b => ((Int64Array)b.Column(0)).Values.ToArray()).Order());
    }

    [Fact]
    public void ProjectionOfANestedColumnKeepsItWhole()
    {
        var file = Path.Combine(TestPaths.NewTempDir(), "v.parquet");
        ParquetFileWriter.Write(file, ParquetTestData.Schema, [ParquetTestData.Batch(0, 12)]);

        var batches = ParquetDataset.Open(file).ReadBatches(["features", "id"]).ToList();

        Assert.Equal(["id", "features"], batches[0].Schema.FieldsList.Select(f => f.Name));
        Assert.Equal(4, ((StructArray)batches[0].Column(1)).Fields.Count);
    }

    [Fact]
    public void TruncatedFileIsRefusedByName()
    {
        var file = Path.Combine(TestPaths.NewTempDir(), "cut.parquet");
        ParquetFileWriter.Write(file, ParquetTestData.Schema, [ParquetTestData.Batch(0, 100)]);
        var bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<DataFormatException>(() => ParquetDataset.Open(file));

        Assert.Contains(file, error.Message);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void NonParquetFileIsRefusedByName()
    {
        var dir = TestPaths.NewTempDir();
        File.WriteAllText(Path.Combine(dir, "part-0.csv"), "a,b\n1,2\n");

        var error = Assert.Throws<DataFormatException>(() => ParquetDataset.Open(dir));

        Assert.Contains("part-0.csv", error.Message);
        Assert.Contains("not a Parquet file", error.Message);
    }

    [Fact]
    public void PartFilesWithDifferentSchemasAreRefusedNamingBoth()
    {
        var dir = TestPaths.NewTempDir();
        ParquetFileWriter.Write(Path.Combine(dir, "part-0.parquet"), ParquetTestData.Schema, [ParquetTestData.Batch(0, 3)]);
        ParquetFileWriter.Write(Path.Combine(dir, "part-1.parquet"), PartitionedSchema, [PartitionedBatch(0, 3)]);

        var error = Assert.Throws<SchemaException>(() => ParquetDataset.Open(dir));

        Assert.Contains("part-0.parquet", error.Message);
        Assert.Contains("part-1.parquet", error.Message);
    }

    [Fact]
    public void UnsupportedArrowTypeIsRefusedNamingTheColumn()
    {
        var schema = new Schema.Builder().Field(new Field("span", DurationType.Millisecond, nullable: true)).Build();

        var error = Assert.Throws<SchemaException>(() => new ParquetFileWriter(Path.Combine(TestPaths.NewTempDir(), "x.parquet"), schema));

        Assert.Contains("'span'", error.Message);
    }

    [Fact]
    public void SaveModesFollowSpark()
    {
        var dir = Path.Combine(TestPaths.NewTempDir(), "out");
        ParquetDatasetWriter.Write(dir, PartitionedSchema, [PartitionedBatch(0, 10)]);

        Assert.Throws<DlpException>(() => ParquetDatasetWriter.Write(dir, PartitionedSchema, [PartitionedBatch(0, 10)]));
        ParquetDatasetWriter.Write(dir, PartitionedSchema, [PartitionedBatch(100, 99)], SaveMode.Ignore);
        Assert.Equal(10, Count(dir));
        ParquetDatasetWriter.Write(dir, PartitionedSchema, [PartitionedBatch(10, 5)], SaveMode.Append);
        Assert.Equal(15, Count(dir));
        ParquetDatasetWriter.Write(dir, PartitionedSchema, [PartitionedBatch(0, 7)], SaveMode.Overwrite);
        Assert.Equal(7, Count(dir));
    }

    [Fact]
    public void AppendAddsToExistingPartitionFolders()
    {
        var dir = Path.Combine(TestPaths.NewTempDir(), "out");
        ParquetDatasetWriter.Write(dir, PartitionedSchema, [PartitionedBatch(0, 12)], partitionBy: ["city"]);
        ParquetDatasetWriter.Write(dir, PartitionedSchema, [PartitionedBatch(12, 12)], SaveMode.Append, partitionBy: ["city"]);

        Assert.Equal(24, Count(dir));
        Assert.Equal(2, Directory.GetFiles(Path.Combine(dir, "city=plain"), "*.parquet").Length);
    }

    [Fact]
    public void FailedOverwriteLeavesTheOldOutputAndNoLeftovers()
    {
        var parent = TestPaths.NewTempDir();
        var dir = Path.Combine(parent, "out");
        ParquetDatasetWriter.Write(dir, PartitionedSchema, [PartitionedBatch(0, 10)]);
        var before = Directory.GetFiles(dir).Select(Path.GetFileName).Order().ToList();

        Assert.Throws<IOException>(() => ParquetDatasetWriter.Write(dir, PartitionedSchema, Failing(), SaveMode.Overwrite, partitionBy: ["city"]));

        Assert.Equal(before, Directory.GetFiles(dir).Select(Path.GetFileName).Order());
        Assert.Equal(10, Count(dir));
        Assert.Equal([dir], Directory.GetFileSystemEntries(parent));
    }

    [Fact]
    public void FailedAppendAddsNothing()
    {
        var parent = TestPaths.NewTempDir();
        var dir = Path.Combine(parent, "out");
        ParquetDatasetWriter.Write(dir, PartitionedSchema, [PartitionedBatch(0, 10)], partitionBy: ["city"]);

        Assert.Throws<IOException>(() => ParquetDatasetWriter.Write(dir, PartitionedSchema, Failing(), SaveMode.Append, partitionBy: ["city"]));

        Assert.Equal(10, Count(dir));
        Assert.Equal([dir], Directory.GetFileSystemEntries(parent));
    }

    [Fact]
    public void AKilledWriteLeavesOnlyAHiddenFolderThatReadersSkip()
    {
        var parent = TestPaths.NewTempDir();
        var dir = Path.Combine(parent, "out");
        ParquetDatasetWriter.Write(dir, PartitionedSchema, [PartitionedBatch(0, 10)]);
        string? staged = null;

        // Stop the write mid-stream, as a kill would, and look at the disk before anything is cleaned up.
        IEnumerable<RecordBatch> Observed()
        {
            yield return PartitionedBatch(0, 5);
            staged = Directory.GetDirectories(parent).Single(d => d != dir);
            Assert.Equal(10, Count(dir));
            throw new IOException("killed");
        }
        Assert.Throws<IOException>(() => ParquetDatasetWriter.Write(dir, PartitionedSchema, Observed(), SaveMode.Overwrite));

        Assert.StartsWith(".", Path.GetFileName(staged));
        Assert.Equal(10, Count(dir));
    }

    [Fact]
    public void FailedSingleFileWriteKeepsTheOldFileAndLeavesNothingElse()
    {
        var dir = TestPaths.NewTempDir();
        var file = Path.Combine(dir, "one.parquet");
        ParquetFileWriter.Write(file, PartitionedSchema, [PartitionedBatch(0, 10)]);

        Assert.Throws<IOException>(() => ParquetFileWriter.Write(file, PartitionedSchema, Failing()));

        Assert.Equal(10, Count(file));
        Assert.Equal([file], Directory.GetFileSystemEntries(dir));
    }

    private static IEnumerable<RecordBatch> Failing()
    {
        yield return PartitionedBatch(0, 5);
        throw new IOException("disk full");
    }

    private static long Count(string dir) => ParquetDataset.Open(dir).ReadBatches().Sum(b => (long)b.Length);
}
