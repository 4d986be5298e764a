using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Vision.Codecs;
using DeepLearningPipelines.Vision.Sources;

namespace DeepLearningPipelines.Streaming;

/// <summary>
/// Image files as Spark's image source reads them (one <c>image</c> column). A file that does not decode is dropped
/// and counted in the query's progress (<c>dropInvalid</c>, true by default), and copied into the
/// <c>deadLetter</c> folder when one is given, beside a <c>.reason.txt</c> file that says why.
/// </summary>
internal sealed class ImageStreamFormat(bool dropInvalid, string? deadLetter, DecodeOptions decode) : StreamFormat
{
    public override string Name => "image";
    public override StructType Schema => ImageSchema.ImageFields;

    public override (DataFrame Frame, Func<long> Dropped) Read(DlpSession session, IReadOnlyList<string> files)
    {
        var options = new ImageReadOptions { DropInvalid = dropInvalid, Decode = decode };
        var frame = ImageSource.ReadImageFiles(session, files, options, ImageSchema.ImageFields, "ImageStreamScan", (file, bytes) =>
        {
            try { return [ImageSchema.ToRow(ImageDecoder.Decode(bytes, file, decode), file)]; }
            catch (DataFormatException e) when (deadLetter is not null && dropInvalid)
            {
                DeadLetter(file, e.Message);
                throw;
            }
        });
        return (frame, () => frame.Metrics?.DroppedRecords ?? 0);
    }

    /// <summary>Copies <paramref name="file"/> into the dead-letter folder (replacing a copy from an earlier attempt at the same batch).</summary>
    private void DeadLetter(string file, string reason)
    {
        Directory.CreateDirectory(deadLetter!);
        var target = Path.Combine(deadLetter!, Path.GetFileName(file));
        AtomicFile.WriteFile(target, temporary => File.Copy(file, temporary, overwrite: true));
        AtomicFile.WriteAllText(target + ".reason.txt", reason + "\n");
    }
}
