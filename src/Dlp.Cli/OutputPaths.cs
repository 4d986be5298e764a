using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Cli;

/// <summary>Checks output paths given on the command line before any work starts, so a long run cannot fail at its end.</summary>
internal static class OutputPaths
{
    /// <summary>
    /// Requires <paramref name="path"/> to name a file that can be written: its folder exists and is a folder, the
    /// path itself is not a folder, and the folder accepts new files. Returns the full path.
    /// </summary>
    public static string CheckFile(string path, string option)
    {
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new DataFormatException($"{option} {path}: is a folder; give a file name.");
        string folder = Path.GetDirectoryName(full)!;
        if (File.Exists(folder)) throw new DataFormatException($"{option} {path}: {folder} is a file, not a folder.");
        if (!Directory.Exists(folder)) throw new DataFormatException($"{option} {path}: the folder {folder} does not exist.");
        RequireWritable(folder, option, path);
        return full;
    }

    /// <summary>
    /// Requires <paramref name="path"/> to name a folder that exists or can be created: it is not a file, no folder
    /// above it is a file, and the nearest existing one accepts new entries. Returns the full path.
    /// </summary>
    public static string CheckFolder(string path, string option)
    {
        string full = Path.GetFullPath(path);
        for (var current = full; ; current = Path.GetDirectoryName(current)!)
        {
            if (File.Exists(current))
                throw new DataFormatException(current == full ? $"{option} {path}: is a file, not a folder." : $"{option} {path}: {current} is a file, not a folder.");
            if (Directory.Exists(current))
            {
                RequireWritable(current, option, path);
                return full;
            }
        }
    }

    private static void RequireWritable(string folder, string option, string path)
    {
        string probe = Path.Combine(folder, $".dlp-write-check-{Guid.NewGuid():N}");
        try
        {
            using (File.Create(probe, 1, FileOptions.DeleteOnClose)) { }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFormatException($"{option} {path}: cannot write in {folder} ({e.Message}).", e);
        }
    }
}
