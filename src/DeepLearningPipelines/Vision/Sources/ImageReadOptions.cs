using DeepLearningPipelines.Vision.Codecs;

namespace DeepLearningPipelines.Vision.Sources;

/// <summary>Options of <see cref="ImageSource.ReadImages(Frames.DlpSession, string, ImageReadOptions?)"/>, named as sparkdl's <c>readImages</c>.</summary>
public sealed record ImageReadOptions
{
    /// <summary>Look into sub-folders too.</summary>
    public bool Recursive { get; init; }

    /// <summary>Drop files that are not decodable images and skip sub-folders that cannot be listed (both counted in the
    /// DataFrame's metrics) instead of failing.</summary>
    public bool DropInvalid { get; init; }

    /// <summary>Fraction of the files to read, chosen with <see cref="Seed"/>.</summary>
    public double SampleRatio { get; init; } = 1.0;

    public long Seed { get; init; }

    /// <summary>Partitions to read in parallel (default: the session's parallelism, at most one per file).</summary>
    public int? NumPartitions { get; init; }

    /// <summary>Add a <c>label</c> string column holding each file's parent folder name.</summary>
    public bool LabelFromFolder { get; init; }

    /// <summary>Decoder limits and hints (pixel limit, forced BGR, EXIF orientation, and a target size:
    /// <see cref="DecodeOptions.TargetWidth"/> × <see cref="DecodeOptions.TargetHeight"/> decodes large images at reduced
    /// scale, no smaller than that size, to bound memory; off by default, which decodes every image at full size as Spark).</summary>
    public DecodeOptions Decode { get; init; } = DecodeOptions.Default;

    /// <summary>Rows per batch inside a partition.</summary>
    public int BatchSize { get; init; } = 32;
}
