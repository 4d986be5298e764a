using System.Globalization;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Streaming;

/// <summary>
/// A folder of files named by batch id (<c>0</c>, <c>1</c>, …) as Spark's <c>HDFSMetadataLog</c>: each file is
/// <c>v1</c> on its first line followed by the entry's lines, and is written all-or-nothing (a temporary file renamed
/// into place), so after a crash a batch's entry is either complete or absent.
/// </summary>
internal sealed class BatchLog
{
    private const string Version = "v1";

    public BatchLog(string folder)
    {
        Folder = folder;
        Directory.CreateDirectory(folder);
    }

    public string Folder { get; }

    /// <summary>The entry file of <paramref name="batchId"/>.</summary>
    public string PathOf(long batchId) => Path.Combine(Folder, batchId.ToString(CultureInfo.InvariantCulture));

    /// <summary>Writes (or replaces) the entry of <paramref name="batchId"/> atomically, flushed to disk.</summary>
    public void Write(long batchId, IEnumerable<string> lines) =>
        AtomicFile.WriteText(PathOf(batchId), w =>
        {
            w.WriteLine(Version);
            foreach (var line in lines) w.WriteLine(line);
        });

    public bool Has(long batchId) => File.Exists(PathOf(batchId));

    /// <summary>The lines of the entry of <paramref name="batchId"/> after the version line, or null when there is none.</summary>
    public IReadOnlyList<string>? Read(long batchId)
    {
        var path = PathOf(batchId);
        if (!File.Exists(path)) return null;
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0] != Version)
            throw new PersistenceException($"Checkpoint file {path} does not start with '{Version}' (found '{(lines.Length == 0 ? "" : MessageText.Escape(lines[0], 20))}'): " +
                                           "it was written by another program or version. Use a new checkpoint folder.");
        return lines[1..];
    }

    /// <summary>The highest batch id with an entry, or null when the log is empty. Temporary and other files are ignored.</summary>
    public long? Latest()
    {
        long? latest = null;
        foreach (var file in Directory.EnumerateFiles(Folder))
            if (long.TryParse(Path.GetFileName(file), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && (latest is null || id > latest))
                latest = id;
        return latest;
    }

    /// <summary>The batch ids with an entry, ascending.</summary>
    public IEnumerable<long> BatchIds() =>
        Directory.EnumerateFiles(Folder)
            .Select(f => long.TryParse(Path.GetFileName(f), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : -1)
            .Where(id => id >= 0).Order();
}
