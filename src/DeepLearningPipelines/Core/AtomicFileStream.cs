namespace DeepLearningPipelines.Core;

/// <summary>
/// A write stream to a hidden temporary file beside <see cref="TargetPath"/>: <see cref="Commit"/> flushes it and
/// renames it over the target in one step; disposing without committing deletes it, so a failed write never leaves
/// a half-written file under the target name and never touches an existing one.
/// </summary>
public sealed class AtomicFileStream : FileStream
{
    private bool _finished;

    private AtomicFileStream(string target, string temporary)
        : base(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16)
    {
        TargetPath = target;
        TemporaryPath = temporary;
    }

    /// <summary>The full path the data lands at on <see cref="Commit"/>.</summary>
    public string TargetPath { get; }

    /// <summary>The full path of the temporary file being written.</summary>
    public string TemporaryPath { get; }

    /// <summary>
    /// Opens a temporary file beside <paramref name="path"/>. Throws <see cref="DlpException"/> when the parent
    /// folder is missing, is a file, or cannot be written.
    /// </summary>
    public static AtomicFileStream Create(string path)
    {
        var target = Path.GetFullPath(path);
        if (Directory.Exists(target)) throw new DlpException($"Cannot write {target}: a folder of that name exists.");
        var temporary = AtomicFile.TemporarySibling(target);
        try { return new AtomicFileStream(target, temporary); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DlpException($"Cannot write {target}: {AtomicFile.Reason(target, e)}", e);
        }
    }

    /// <summary>Flushes to disk and replaces the target with the written data; the stream is closed afterwards.</summary>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        Flush(flushToDisk: true);
        _finished = true;
        base.Dispose(true);
        try { File.Move(TemporaryPath, TargetPath, overwrite: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            AtomicFile.TryDelete(TemporaryPath);
            throw new DlpException($"Cannot write {TargetPath}: renaming the finished temporary file failed ({e.Message}).", e);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (_finished || !disposing) return;
        _finished = true;
        AtomicFile.TryDelete(TemporaryPath);
    }
}
