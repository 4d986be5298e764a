using System.Globalization;
using System.Text.Json;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Streaming;

/// <summary>
/// A query's checkpoint folder, laid out as Spark's: <c>metadata</c> (the query id), <c>offsets/N</c> (written before
/// batch N runs: what it reads), <c>commits/N</c> (written after its sink took it) and <c>sources/K/N</c> (the files
/// source K gave batch N). A lock file keeps two running queries from sharing it; the lock dies with its process.
/// </summary>
internal sealed class Checkpoint : IDisposable
{
    private readonly FileStream _lock;

    private Checkpoint(string root, FileStream lockFile, Guid id)
    {
        Root = root;
        _lock = lockFile;
        Id = id;
        Offsets = new BatchLog(Path.Combine(root, "offsets"));
        Commits = new BatchLog(Path.Combine(root, "commits"));
    }

    public string Root { get; }

    /// <summary>The query's id, kept across restarts.</summary>
    public Guid Id { get; }

    public BatchLog Offsets { get; }
    public BatchLog Commits { get; }

    /// <summary>The log of the files source <paramref name="index"/> gave each batch.</summary>
    public BatchLog Source(int index) => new(Path.Combine(Root, "sources", index.ToString(CultureInfo.InvariantCulture)));

    /// <summary>Opens (creating if needed) and locks the checkpoint folder <paramref name="path"/>.</summary>
    public static Checkpoint Open(string path)
    {
        var root = Path.GetFullPath(path);
        try { Directory.CreateDirectory(root); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DlpException($"Cannot create the checkpoint folder {root}: {AtomicFile.Reason(root, e)}", e);
        }
        FileStream lockFile;
        try { lockFile = new FileStream(Path.Combine(root, ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None); }
        catch (IOException e)
        {
            throw new DlpException($"The checkpoint folder {root} is in use by another running query. Stop it first, or give this query its own checkpointLocation.", e);
        }
        try { return new Checkpoint(root, lockFile, ReadOrCreateId(root)); }
        catch
        {
            lockFile.Dispose();
            throw;
        }
    }

    private static Guid ReadOrCreateId(string root)
    {
        var path = Path.Combine(root, "metadata");
        if (!File.Exists(path))
        {
            var id = Guid.NewGuid();
            AtomicFile.WriteAllText(path, JsonSerializer.Serialize(new { id = id.ToString() }) + "\n");
            return id;
        }
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            return Guid.Parse(doc.RootElement.GetProperty("id").GetString()!);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or FormatException or InvalidOperationException or ArgumentNullException)
        {
            throw new PersistenceException($"Checkpoint file {path} is not a query's metadata ({{\"id\": \"<uuid>\"}}): {e.Message} Use a new checkpoint folder.", e);
        }
    }

    public void Dispose() => _lock.Dispose();
}
