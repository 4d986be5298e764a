using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.IO;

/// <summary>
/// Spark's folder output with its save modes: part files written into a hidden folder beside the target become the
/// target (overwrite, new) or join it (append), followed by <c>_SUCCESS</c>; a failed or killed write leaves the
/// target as it was, and an append moves in only finished files.
/// </summary>
internal static class FolderCommit
{
    /// <summary>Applies <paramref name="mode"/> to <paramref name="path"/> and, unless it is ignored, runs <paramref name="fill"/> on an empty hidden folder.</summary>
    public static void Run(string path, SaveMode mode, Action<string> fill)
    {
        var target = Path.GetFullPath(path);
        bool exists = Directory.Exists(target) || File.Exists(target);
        if (exists && mode == SaveMode.Ignore) return;
        if (exists && mode == SaveMode.ErrorIfExists)
            throw new DlpException($"Path {target} already exists. Use Mode(SaveMode.Overwrite) to replace it or Mode(SaveMode.Append) to add to it.");
        if (!exists || mode == SaveMode.Overwrite)
        {
            AtomicFile.WriteDirectory(target, folder =>
            {
                fill(folder);
                File.WriteAllText(Path.Combine(folder, "_SUCCESS"), "");
            }, replaceExisting: true);
            return;
        }
        if (!Directory.Exists(target)) throw new DlpException($"Cannot append to {target}: it is a file, not a folder of part files.");
        var staging = AtomicFile.TemporarySibling(target);
        Directory.CreateDirectory(staging);
        try
        {
            fill(staging);
            foreach (var file in Directory.GetFiles(staging, "*", SearchOption.AllDirectories))
            {
                var destination = Path.Combine(target, Path.GetRelativePath(staging, file));
                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                File.Move(file, destination);
            }
            File.WriteAllText(Path.Combine(target, "_SUCCESS"), "");
        }
        finally { AtomicFile.TryDelete(staging); }
    }
}
