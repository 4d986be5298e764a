using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.IO.Parquet;

/// <summary>Compression codecs a Parquet file can be written with.</summary>
public enum ParquetCompression
{
    /// <summary>Snappy (Spark's default): fast, moderate ratio.</summary>
    Snappy,
    /// <summary>Zstandard: better ratio at a similar speed at low levels.</summary>
    Zstd,
    /// <summary>Gzip: widely readable, slow.</summary>
    Gzip,
    /// <summary>No compression.</summary>
    None,
}

/// <summary>How Parquet files are written: codec and level, and when a row group is closed.</summary>
public sealed record ParquetWriteOptions
{
    /// <summary>The codec; <see cref="ParquetCompression.Snappy"/> by default, as Spark.</summary>
    public ParquetCompression Compression { get; init; } = ParquetCompression.Snappy;

    /// <summary>The codec's level (zstd 1–22, gzip 1–9); null for the codec's default. Snappy and none have no level.</summary>
    public int? CompressionLevel { get; init; }

    /// <summary>A row group is closed once it holds this many rows.</summary>
    public int MaxRowGroupRows { get; init; } = 131_072;

    /// <summary>A row group is closed once its uncompressed Arrow buffers reach about this many bytes (128 MiB).</summary>
    public long MaxRowGroupBytes { get; init; } = 128L << 20;

    /// <summary>Parses Spark's <c>compression</c> option: snappy, zstd, gzip, none or uncompressed (any case).</summary>
    public static ParquetCompression ParseCompression(string name) => name.Trim().ToLowerInvariant() switch
    {
        "snappy" => ParquetCompression.Snappy,
        "zstd" => ParquetCompression.Zstd,
        "gzip" => ParquetCompression.Gzip,
        "none" or "uncompressed" => ParquetCompression.None,
        _ => throw new ParamException($"Unknown Parquet compression '{name}'. Use snappy, zstd, gzip or none."),
    };

    /// <summary>The file-name infix Spark uses for the codec (<c>part-….snappy.parquet</c>).</summary>
    internal string FileInfix => Compression switch
    {
        ParquetCompression.Snappy => ".snappy",
        ParquetCompression.Zstd => ".zstd",
        ParquetCompression.Gzip => ".gz",
        _ => "",
    };

    internal void Validate()
    {
        if (MaxRowGroupRows < 1) throw new ParamException($"MaxRowGroupRows must be at least 1, got {MaxRowGroupRows}.");
        if (MaxRowGroupBytes < 1) throw new ParamException($"MaxRowGroupBytes must be at least 1, got {MaxRowGroupBytes}.");
        if (CompressionLevel is not { } level) return;
        var (low, high) = Compression switch
        {
            ParquetCompression.Zstd => (1, 22),
            ParquetCompression.Gzip => (1, 9),
            _ => throw new ParamException($"Parquet compression {Compression.ToString().ToLowerInvariant()} takes no level; drop the level or use zstd or gzip."),
        };
        if (level < low || level > high)
            throw new ParamException($"Parquet {Compression.ToString().ToLowerInvariant()} level must be between {low} and {high}, got {level}.");
    }

    internal ParquetSharp.WriterProperties ToWriterProperties()
    {
        using var builder = new ParquetSharp.WriterPropertiesBuilder()
            .Compression(Compression switch
            {
                ParquetCompression.Snappy => ParquetSharp.Compression.Snappy,
                ParquetCompression.Zstd => ParquetSharp.Compression.Zstd,
                ParquetCompression.Gzip => ParquetSharp.Compression.Gzip,
                _ => ParquetSharp.Compression.Uncompressed,
            })
            .MaxRowGroupLength(MaxRowGroupRows)
            .CreatedBy("Deep Learning Pipelines for .NET (ParquetSharp)");
        if (CompressionLevel is { } level) builder.CompressionLevel(level);
        return builder.Build();
    }
}
