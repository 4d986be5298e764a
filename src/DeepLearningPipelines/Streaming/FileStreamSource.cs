using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;

namespace DeepLearningPipelines.Streaming;

/// <summary>
/// A folder watched for new files, as Spark's file stream source. Each file is taken once, by path. A file is taken
/// only when its name says it is complete: hidden names (starting with <c>.</c> or <c>_</c>) and names ending in
/// <c>.tmp</c>, <c>.part</c>, <c>.partial</c> or <c>.crdownload</c> are left alone, so writers write under such a
/// name and rename the finished file into the folder (a rename is atomic). New files are taken oldest first
/// (<c>latestFirst</c>: newest first), at most <c>maxFilesPerTrigger</c> per micro-batch.
/// </summary>
internal sealed class FileStreamSource
{
    private static readonly string[] IncompleteSuffixes = [".tmp", ".part", ".partial", ".crdownload"];

    public FileStreamSource(DlpSession session, string folder, StreamFormat format, int? maxFilesPerTrigger, bool latestFirst, bool recursive)
    {
        Session = session;
        Folder = folder;
        Format = format;
        MaxFilesPerTrigger = maxFilesPerTrigger;
        LatestFirst = latestFirst;
        Recursive = recursive;
    }

    public DlpSession Session { get; }
    public string Folder { get; }
    public StreamFormat Format { get; }
    public int? MaxFilesPerTrigger { get; }
    public bool LatestFirst { get; }
    public bool Recursive { get; }
    public StructType Schema => Format.Schema;

    public string Description => $"FileStreamSource[{Format.Name} {Folder}]";

    /// <summary>The complete files in the folder that are not in <paramref name="seen"/>, in the order they are to be taken.</summary>
    public List<StreamFile> ListNew(IReadOnlySet<string> seen)
    {
        if (!Directory.Exists(Folder))
            throw new DataFormatException($"The streamed folder {Folder} does not exist (or is not a folder). Create it before starting the query.");
        var files = new List<StreamFile>();
        Collect(new DirectoryInfo(Folder), seen, files);
        var ordered = LatestFirst
            ? files.OrderByDescending(f => f.ModifiedMs).ThenBy(f => f.Path, StringComparer.Ordinal)
            : files.OrderBy(f => f.ModifiedMs).ThenBy(f => f.Path, StringComparer.Ordinal);
        return ordered.ToList();
    }

    private void Collect(DirectoryInfo folder, IReadOnlySet<string> seen, List<StreamFile> files)
    {
        foreach (var entry in folder.EnumerateFileSystemInfos())
        {
            if (IsIncomplete(entry.Name)) continue;
            if (entry is DirectoryInfo sub)
            {
                if (Recursive) Collect(sub, seen, files);
                continue;
            }
            if (seen.Contains(entry.FullName)) continue;
            var file = (FileInfo)entry;
            try { files.Add(StreamFile.Of(file)); }
            catch (FileNotFoundException) { } // renamed or deleted while listing
        }
    }

    /// <summary>True for names the source never takes: hidden files and the usual suffixes of files still being written.</summary>
    public static bool IsIncomplete(string name) =>
        name.StartsWith('.') || name.StartsWith('_') || IncompleteSuffixes.Any(s => name.EndsWith(s, StringComparison.OrdinalIgnoreCase));
}
