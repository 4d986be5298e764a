using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Types;
using Parquet;
using Parquet.Schema;

namespace DeepLearningPipelines.Bench.Parquet;

/// <summary>
/// Compares ParquetSharp (Arrow API) and Parquet.Net writing and reading a featurized table: a string column and a
/// list&lt;double&gt; feature column, <c>rows</c> × <c>features</c>, row groups of 1,000 rows. One case per process so
/// the peak working set belongs to that case (printed after generating the data, after writing and after reading; files are
/// read a row group at a time, as the product reader does): <c>parquet &lt;parquetsharp|parquetnet&gt; &lt;codec&gt; [level] [rows] [features]</c>.
/// For Parquet.Net the level is a <see cref="System.IO.Compression.CompressionLevel"/> name (Fastest, Optimal, SmallestSize).
/// </summary>
internal static class ParquetLibraryBenchmark
{
    private const int RowGroupRows = 1000;

    public static int Run(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: parquet <parquetsharp|parquetnet> <none|snappy|zstd|gzip> [level] [rows] [features]");
            return 2;
        }
        string library = args[0].ToLowerInvariant(), codec = args[1].ToLowerInvariant();
        string level = args.Length > 2 ? args[2] : "default";
        int rows = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 10_000;
        int features = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 2048;
        var (paths, values) = Generate(rows, features);
        string file = Path.Combine(Path.GetTempPath(), $"dlp-bench-{library}-{Environment.ProcessId}.parquet");
        try
        {
            long baseline = Process.GetCurrentProcess().PeakWorkingSet64;
            var write = Stopwatch.StartNew();
            if (library == "parquetsharp") WriteParquetSharp(file, paths, values, features, codec, level);
            else WriteParquetNet(file, paths, values, features, codec, level).GetAwaiter().GetResult();
            write.Stop();
            long writePeak = Process.GetCurrentProcess().PeakWorkingSet64;
            var read = Stopwatch.StartNew();
            double sum = library == "parquetsharp" ? ReadParquetSharp(file) : ReadParquetNet(file, features).GetAwaiter().GetResult();
            read.Stop();
            long peak = Process.GetCurrentProcess().PeakWorkingSet64;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{library,-13}{codec,-7}{level,-13}{rows}x{features,-6}write {write.Elapsed.TotalSeconds,7:F2} s  read {read.Elapsed.TotalSeconds,6:F2} s  " +
                $"size {new FileInfo(file).Length / 1e6,7:F1} MB  peak after data {baseline / 1e6:F0} MB, write {writePeak / 1e6:F0} MB, read {peak / 1e6:F0} MB  checksum {sum:G6}"));
            return 0;
        }
        finally { File.Delete(file); }
    }

    /// <summary>Feature-like values: ReLU outputs stored at float precision (half zeros), and an image path per row.</summary>
    private static (string[] Paths, double[] Values) Generate(int rows, int features)
    {
        var random = new Random(42);
        var values = new double[rows * features];
        for (int i = 0; i < values.Length; i++) values[i] = Math.Max(0, (float)(random.NextDouble() * 4 - 2));
        var paths = Enumerable.Range(0, rows).Select(r => $"file:/data/images/class{r % 10}/img_{r:D6}.jpg").ToArray();
        return (paths, values);
    }

    private static void WriteParquetSharp(string file, string[] paths, double[] values, int features, string codec, string level)
    {
        var schema = new Apache.Arrow.Schema.Builder()
            .Field(f => f.Name("path").DataType(StringType.Default).Nullable(true))
            .Field(f => f.Name("features").DataType(new ListType(DoubleType.Default)).Nullable(true))
            .Build();
        var builder = new ParquetSharp.WriterPropertiesBuilder().Compression(codec switch
        {
            "none" => ParquetSharp.Compression.Uncompressed,
            "snappy" => ParquetSharp.Compression.Snappy,
            "zstd" => ParquetSharp.Compression.Zstd,
            "gzip" => ParquetSharp.Compression.Gzip,
            _ => throw new ArgumentException($"unknown codec {codec}"),
        });
        if (level != "default") builder.CompressionLevel(int.Parse(level, CultureInfo.InvariantCulture));
        using var properties = builder.Build();
        using var writer = new ParquetSharp.Arrow.FileWriter(file, schema, properties);
        for (int start = 0; start < paths.Length; start += RowGroupRows)
        {
            int n = Math.Min(RowGroupRows, paths.Length - start);
            var pathArray = new StringArray.Builder().AppendRange(paths.AsSpan(start, n).ToArray()).Build();
            var offsets = new int[n + 1];
            for (int i = 0; i <= n; i++) offsets[i] = i * features;
            var flat = new DoubleArray(new ArrowBuffer(MemoryMarshal.AsBytes(values.AsSpan(start * features, n * features)).ToArray()), ArrowBuffer.Empty, n * features, 0, 0);
            var list = new ListArray(new ListType(DoubleType.Default), n, new ArrowBuffer(MemoryMarshal.AsBytes(offsets.AsSpan()).ToArray()), flat, ArrowBuffer.Empty, 0);
            using var batch = new RecordBatch(schema, [pathArray, list], n);
            writer.WriteRecordBatch(batch);
        }
        writer.Close();
    }

    private static double ReadParquetSharp(string file)
    {
        using var reader = new ParquetSharp.Arrow.FileReader(file);
        double sum = 0;
        for (int g = 0; g < reader.NumRowGroups; g++)
        {
            using var batches = reader.GetRecordBatchReader([g]);
            while (batches.ReadNextRecordBatchAsync().AsTask().GetAwaiter().GetResult() is { } batch)
            {
                using (batch)
                    foreach (var v in ((DoubleArray)((ListArray)batch.Column(1)).Values).Values) sum += v;
            }
        }
        return sum;
    }

    private static readonly DataField PathField = new DataField<string>("path");
    private static readonly DataField FeatureField = new DataField<double>("element");

    private static async Task WriteParquetNet(string file, string[] paths, double[] values, int features, string codec, string level)
    {
        var schema = new ParquetSchema(PathField, new ListField("features", FeatureField));
        var options = new ParquetOptions { CompressionMethod = codec switch
        {
            "none" => CompressionMethod.None,
            "snappy" => CompressionMethod.Snappy,
            "zstd" => CompressionMethod.Zstd,
            "gzip" => CompressionMethod.Gzip,
            _ => throw new ArgumentException($"unknown codec {codec}"),
        } };
        if (level != "default") options.CompressionLevel = Enum.Parse<System.IO.Compression.CompressionLevel>(level, ignoreCase: true);
        await using var stream = File.Create(file);
        await using var writer = await ParquetWriter.CreateAsync(schema, stream, options);
        for (int start = 0; start < paths.Length; start += RowGroupRows)
        {
            int n = Math.Min(RowGroupRows, paths.Length - start);
            var repetition = new int[n * features];
            for (int i = 0; i < repetition.Length; i++) repetition[i] = i % features == 0 ? 0 : 1;
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(PathField, paths.AsSpan(start, n).ToArray());
            var definition = new int[n * features];
            System.Array.Fill(definition, FeatureField.MaxDefinitionLevel);
            await group.WriteAllPartsAsync<double>(FeatureField, values.AsMemory(start * features, n * features), definition, repetition, CancellationToken.None);
        }
    }

    private static async Task<double> ReadParquetNet(string file, int features)
    {
        await using var stream = File.OpenRead(file);
        await using var reader = await ParquetReader.CreateAsync(stream);
        var fields = reader.Schema.GetDataFields();
        double sum = 0;
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var column = new double[group.RowCount * features];
            await group.ReadRawAsync<double>(fields[1], column, new int[column.Length], new int[column.Length], CancellationToken.None);
            foreach (var v in column) sum += v;
        }
        return sum;
    }
}
