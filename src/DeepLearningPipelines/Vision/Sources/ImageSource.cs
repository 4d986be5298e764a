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
        var listing = FileListing.Create(paths, o.Recursive, skipUnreadable: o.DropInvalid);
        var files = Sample(listing.Files, o.SampleRatio, o.Seed);
        var schema = o.LabelFromFolder ? ImageSchema.ImageFields.Add("label", DataTypes.String, false) : ImageSchema.ImageFields;
        int partitions = Math.Max(1, Math.Min(files.Count, o.NumPartitions ?? session.Parallelism));
        var metrics = new DataSourceMetrics(partitions);
        metrics.RecordListing(listing);
        return FileFrames.Create(session, schema, files, paths, partitions, metrics, $"ImageScan {string.Join(", ", paths)} ({files.Count} files)", (file, bytes) =>
        {
            var image = ImageDecoder.Decode(bytes, file, o.Decode);
            var row = ImageSchema.ToRow(image, file);
            return o.LabelFromFolder ? [row, Path.GetFileName(Path.GetDirectoryName(file))] : [row];
        }, o.DropInvalid, o.BatchSize);
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
