using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.IO;

/// <summary>
/// Spark's folder output with its save modes: part files written into a hidden folder beside the target become the
/// target (overwrite, new) or join it (append), followed by <c>_SUCCESS</c>; a failed or killed write leaves the
/// target as it was, and an append moves in only finished files. A resumable write keeps its hidden folder, with an
/// <see cref="OutputJournal"/> of the partitions it committed, until it succeeds, so running it again finishes it.
/// </summary>
internal static class FolderCommit
{
    /// <summary>Applies <paramref name="mode"/> to <paramref name="path"/> and, unless it is ignored, runs <paramref name="fill"/> on an empty hidden folder.</summary>
    public static void Run(string path, SaveMode mode, Action<string> fill)
    {
        var target = Path.GetFullPath(path);
        if (!Proceed(target, mode, out bool exists)) return;
        if (!exists || mode == SaveMode.Overwrite)
        {
            AtomicFile.WriteDirectory(target, folder =>
            {
                fill(folder);
                File.WriteAllText(Path.Combine(folder, "_SUCCESS"), "");
            }, replaceExisting: true);
            return;
        }
        var staging = AtomicFile.TemporarySibling(target);
        Directory.CreateDirectory(staging);
        try
        {
            fill(staging);
            MoveFilesInto(staging, target);
        }
        finally { AtomicFile.TryDelete(staging); }
    }

    /// <summary>
    /// Applies <paramref name="mode"/> to <paramref name="path"/> and, unless it is ignored, runs <paramref name="fill"/>
    /// on the journal of the job <paramref name="fingerprint"/> names (in <see cref="WorkingFolder"/>; continued when
    /// an earlier run of the same job was interrupted and <paramref name="resume"/> is set), which must commit every one
    /// of <paramref name="partitions"/> (itself or through other processes attached to the journal, all done when it
    /// returns); the committed files then become or join the target. When <paramref name="fill"/> fails, the working
    /// folder stays for the next run.
    /// </summary>
    public static void RunResumable(string path, SaveMode mode, string fingerprint, int partitions, bool resume, string restartHint, Action<OutputJournal> fill)
    {
        var target = Path.GetFullPath(path);
        if (!Proceed(target, mode, out bool exists)) return;
        bool replace = !exists || mode == SaveMode.Overwrite;
        var journal = OutputJournal.Open(WorkingFolder(target), $"{fingerprint}|{(replace ? "replace" : "append")}", partitions, resume, restartHint);
        fill(journal);
        journal.Refresh();
        journal.RequireComplete();
        journal.RemoveAllButOutput();
        if (replace)
        {
            File.WriteAllText(Path.Combine(journal.Folder, "_SUCCESS"), "");
            AtomicFile.MoveIntoPlace(journal.Folder, target, replaceExisting: true);
            return;
        }
        MoveFilesInto(journal.Folder, target);
        AtomicFile.TryDelete(journal.Folder);
    }

    /// <summary>The hidden folder beside <paramref name="target"/> where a resumable write keeps its parts and journal until it succeeds.</summary>
    public static string WorkingFolder(string target)
    {
        var full = Path.GetFullPath(target);
        return Path.Combine(Path.GetDirectoryName(full) ?? ".", $".{Path.GetFileName(full)}.dlp-job");
    }

    /// <summary>False when the write is skipped (<see cref="SaveMode.Ignore"/>); throws when the mode refuses the existing target.</summary>
    private static bool Proceed(string target, SaveMode mode, out bool exists)
    {
        exists = Directory.Exists(target) || File.Exists(target);
        if (exists && mode == SaveMode.Ignore) return false;
        if (exists && mode == SaveMode.ErrorIfExists)
            throw new DlpException($"Path {target} already exists. Use Mode(SaveMode.Overwrite) to replace it or Mode(SaveMode.Append) to add to it.");
        if (exists && mode == SaveMode.Append && !Directory.Exists(target))
            throw new DlpException($"Cannot append to {target}: it is a file, not a folder of part files.");
        return true;
    }

    /// <summary>Moves every file under <paramref name="source"/> to the same relative path under <paramref name="target"/>, then writes <c>_SUCCESS</c>.</summary>
    private static void MoveFilesInto(string source, string target)
    {
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Move(file, destination, overwrite: true);
        }
        File.WriteAllText(Path.Combine(target, "_SUCCESS"), "");
    }
}
