namespace DeepLearningPipelines.Cli;

/// <summary>
/// An output file written under a temporary name beside its target (<c>.NAME.tmp-RANDOM</c> in the same folder) and
/// renamed over the target by <see cref="Commit"/>. Disposing without committing deletes the temporary file, so a
/// failed or interrupted run never leaves a partial file under the target's name and keeps any previous one intact.
/// </summary>
internal sealed class AtomicOutput : IDisposable
{
    private readonly string _target;
    private readonly string _temporary;
    private readonly FileStream _stream;
    private bool _committed;

    private AtomicOutput(string target)
    {
        _target = target;
        _temporary = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.tmp-{Path.GetRandomFileName().Replace(".", "")}");
        _stream = new FileStream(_temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        Writer = new StreamWriter(_stream) { NewLine = "\n" };
    }

    /// <summary>Writes the temporary file.</summary>
    public StreamWriter Writer { get; }

    /// <summary>Starts writing <paramref name="path"/> (checked with <see cref="OutputPaths.CheckFile"/> for <paramref name="option"/>).</summary>
    public static AtomicOutput Create(string path, string option) => new(OutputPaths.CheckFile(path, option));

    /// <summary>Flushes the data to disk and renames the temporary file over the target.</summary>
    public void Commit()
    {
        Writer.Flush();
        _stream.Flush(flushToDisk: true);
        Writer.Dispose();
        File.Move(_temporary, _target, overwrite: true);
        _committed = true;
    }

    /// <summary>Closes the file; without <see cref="Commit"/>, deletes it.</summary>
    public void Dispose()
    {
        if (_committed) return;
        Writer.Dispose();
        File.Delete(_temporary);
    }
}
