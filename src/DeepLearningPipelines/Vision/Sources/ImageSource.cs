using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Frames.IO;
using DeepLearningPipelines.Vision.Codecs;

namespace DeepLearningPipelines.Vision.Sources;

/// <summary>
/// Reads folders of images (JPEG, PNG, BMP) and raw files into DataFrames. Files are listed up front and split into
/// partitions; each partition reads and decodes its files lazily, batch by batch, on its own core.
/// </summary>
public static class ImageSource
{
    /// <summary>
    /// A DataFrame with Spark's <c>image</c> column (and <c>label</c> with <see cref="ImageReadOptions.LabelFromFolder"/>).
    /// A file that does not decode fails the action with a message naming it, or with
    /// <see cref="ImageReadOptions.DropInvalid"/> is dropped and counted in <see cref="DataFrame.Metrics"/>.
    /// </summary>
    /// <remarks>
    /// With <see cref="ImageReadOptions.Recursive"/> each real folder is listed once: folder links that lead to a folder
    /// already listed (cycles such as <c>ln -s . self</c>) are skipped and counted in
    /// <see cref="DataSourceMetrics.SkippedFolderLinks"/>; file links are followed. A sub-folder that cannot be listed
    /// (permission denied) fails the read with a <see cref="DataFormatException"/> naming it, or with
    /// <see cref="ImageReadOptions.DropInvalid"/> is skipped and counted in <see cref="DataSourceMetrics.UnreadableFolders"/>.
    /// </remarks>
    public static DataFrame ReadImages(this DlpSession session, string path, ImageReadOptions? options = null) =>
        session.ReadImages([path], options);

    /// <summary>The images of several files or folders in one DataFrame; see <see cref="ReadImages(DlpSession, string, ImageReadOptions?)"/>.</summary>
    public static DataFrame ReadImages(this DlpSession session, IReadOnlyList<string> paths, ImageReadOptions? options = null)
    {
        var o = options ?? new ImageReadOptions();
        return ReadImageFiles(session, paths, o, ImageSchema.ImageFields, "ImageScan", (file, bytes) => [ImageSchema.ToRow(ImageDecoder.Decode(bytes, file, o.Decode), file)]);
    }

    /// <summary>
    /// The files <paramref name="paths"/> name, listed, sampled and split as <see cref="ReadImages(DlpSession, IReadOnlyList{string}, ImageReadOptions?)"/>
    /// does, one row per file made by <paramref name="toRow"/> from its bytes (of <paramref name="schema"/>, to which
    /// <c>label</c> is appended with <see cref="ImageReadOptions.LabelFromFolder"/>); a file whose row fails with a
    /// <see cref="DataFormatException"/> is dropped and counted with <see cref="ImageReadOptions.DropInvalid"/>.
    /// </summary>
    internal static DataFrame ReadImageFiles(DlpSession session, IReadOnlyList<string> paths, ImageReadOptions o, StructType schema, string scanName,
        Func<string, byte[], object?[]> toRow)
    {
        var listing = FileListing.Create(paths, o.Recursive, skipUnreadable: o.DropInvalid);
        var files = Sample(listing.Files, o.SampleRatio, o.Seed);
        if (o.LabelFromFolder) schema = schema.Add("label", DataTypes.String, false);
        int partitions = Math.Max(1, Math.Min(files.Count, o.NumPartitions ?? session.Parallelism));
        var metrics = new DataSourceMetrics(partitions);
        metrics.RecordListing(listing);
        return FileFrames.Create(session, schema, files, paths, partitions, metrics, $"{scanName} {string.Join(", ", paths)} ({files.Count} files)",
            o.LabelFromFolder ? (file, bytes) => [.. toRow(file, bytes), Path.GetFileName(Path.GetDirectoryName(file))] : toRow,
            o.DropInvalid, o.BatchSize);
    }

    /// <summary>Spark's binary-file source: <c>path</c>, <c>modificationTime</c> (ms since epoch), <c>length</c>, <c>content</c>.</summary>
    public static DataFrame ReadBinaryFiles(this DlpSession session, string path, bool recursive = false, int? numPartitions = null)
    {
        var listing = FileListing.Create([path], recursive);
        var files = listing.Files;
        var schema = new StructType(
            new StructField("path", DataTypes.String, false), new StructField("modificationTime", DataTypes.Long, false),
            new StructField("length", DataTypes.Long, false), new StructField("content", DataTypes.Binary, true));
        int partitions = Math.Max(1, Math.Min(files.Count, numPartitions ?? session.Parallelism));
        var metrics = new DataSourceMetrics(partitions);
        metrics.RecordListing(listing);
        return FileFrames.Create(session, schema, files, [path], partitions, metrics, $"BinaryFileScan {path}",
            (file, bytes) => [file, new DateTimeOffset(File.GetLastWriteTimeUtc(file)).ToUnixTimeMilliseconds(), (long)bytes.Length, bytes], dropInvalid: false, batchSize: 32);
    }

    private static List<string> Sample(List<string> files, double ratio, long seed)
    {
        if (ratio <= 0 || ratio > 1) throw new ParamException($"sampleRatio must be in (0, 1] but was {ratio}.");
        if (ratio >= 1) return files;
        var rng = new SplitMix64(seed);
        return files.Where(_ => rng.NextDouble() < ratio).ToList();
    }
}
